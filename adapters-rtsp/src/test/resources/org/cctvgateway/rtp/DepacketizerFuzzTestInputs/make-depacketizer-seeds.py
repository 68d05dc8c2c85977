#!/usr/bin/env python3
"""Writes the DepacketizerFuzzTest seeds from the clips in ../fixtures.

Record layout: [ctl][seq delta][ts delta][len hi][len lo][payload]; ctl bit 0 = marker,
bit 1 = foreign payload type, bit 2 = reset first; seq delta is a signed byte, ts delta a
signed byte times 300 ticks. Run from this folder: python3 make-depacketizer-seeds.py
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
CHUNK = 300


def nals(stream):
    out, start, i = [], -1, 0
    while i + 2 < len(stream):
        if stream[i] == 0 and stream[i + 1] == 0 and stream[i + 2] == 1:
            if start >= 0:
                end = i
                while end > start and stream[end - 1] == 0:
                    end -= 1
                out.append(stream[start:end])
            i += 3
            start = i
        else:
            i += 1
    if start >= 0:
        out.append(stream[start:])
    return out


def units(stream, h265):
    result, pending = [], []
    for n in nals(stream):
        pending.append(n)
        t = (n[0] >> 1) & 0x3F if h265 else n[0] & 0x1F
        if (t <= 31) if h265 else (1 <= t <= 5):
            result.append(pending)
            pending = []
    return result


def payloads(nal, h265):
    hdr = 2 if h265 else 1
    if len(nal) <= CHUNK:
        return [nal]
    out = []
    body = nal[hdr:]
    t = (nal[0] >> 1) & 0x3F if h265 else nal[0] & 0x1F
    for off in range(0, len(body), CHUNK):
        s = 0x80 if off == 0 else 0
        e = 0x40 if off + CHUNK >= len(body) else 0
        if h265:
            head = bytes([(nal[0] & 0x81) | (49 << 1), nal[1], s | e | t])
        else:
            head = bytes([(nal[0] & 0xE0) | 28, s | e | t])
        out.append(head + body[off:off + CHUNK])
    return out


def packets(aus, h265):
    out = []
    for ai, au in enumerate(aus):
        ps = [p for n in au for p in payloads(n, h265)]
        for pi, p in enumerate(ps):
            out.append((pi == len(ps) - 1, 0 if pi else 10, p))
    return out


def record(marker, seq_delta, ts_delta, payload, ctl_extra=0):
    return bytes([(1 if marker else 0) | ctl_extra, seq_delta & 0xFF, ts_delta & 0xFF,
                  len(payload) >> 8, len(payload) & 0xFF]) + payload


def write(folder, name, recs):
    with open(os.path.join(HERE, folder, name), "wb") as f:
        f.write(b"".join(recs))


for codec, clip, h265 in (("h264", "tiny.h264", False), ("h265", "tiny.h265", True)):
    folder = codec + "SurvivesAnyPacketSequence"
    with open(os.path.join(HERE, "..", "fixtures", clip), "rb") as f:
        aus = units(f.read(), h265)[:3]
    pk = packets(aus, h265)
    write(folder, "in-order", [record(m, 1, t, p) for m, t, p in pk])
    swapped = list(pk)
    swapped[1], swapped[2] = swapped[2], swapped[1]
    recs = []
    order = [0, 2, 1] + list(range(3, len(pk)))
    prev = -1
    for idx in order:
        m, t, p = pk[idx]
        recs.append(record(m, idx - prev, t, p))
        prev = idx
    write(folder, "reordered", recs)
    write(folder, "one-lost", [record(m, 2 if i == 3 else 1, t, p) for i, (m, t, p) in enumerate(pk) if i != 2])
    write(folder, "no-marker", [record(False, 1, t, p) for m, t, p in pk])
