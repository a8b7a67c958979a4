package io.vigil.cli;

/** The values of every command's {@code --format}: picocli rejects anything else as a usage error. */
enum OutputFormat { text, json }
