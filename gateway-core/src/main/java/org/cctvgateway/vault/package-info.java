/**
 * The credentials vault: camera passwords kept under the data directory ({@code DATA/vault/vault.yaml},
 * mode 0600), each encrypted with AES-256-GCM under a key derived from a passphrase (Argon2id) or read
 * from an owner-only key file ({@code DATA/vault/vault.key}). A key-check value tells a wrong key apart
 * from a damaged entry; each entry's authenticated data binds it to its camera id, its user name and the
 * format version, so an entry copied to another camera does not decrypt. Nothing in this package puts a
 * password or key into a log line, an exception or a {@code toString()}.
 */
package org.cctvgateway.vault;
