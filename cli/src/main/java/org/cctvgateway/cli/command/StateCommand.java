package org.cctvgateway.cli.command;

import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that reads or changes the gateway's state under its data directory ({@code sites},
 * {@code cameras}, {@code pki}, {@code emergency}, {@code audit}): the options every one of them
 * takes ({@code --json}, {@code -v}, {@code -q}, {@code --config}, {@code --data-dir}) and the clock
 * it stamps what it records with, declared once.
 */
abstract class StateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Mixin
    DataDirOptions data = new DataDirOptions();

    /** "Now" for what the command records; tests set a fixed one. */
    Clock clock = Clock.systemUTC();
}
