package io.vigil.cli;

/** {@code --format} of check and test: text, JSON, or GitHub Actions workflow commands that annotate the lines. */
enum CheckFormat { text, json, github }
