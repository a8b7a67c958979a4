package io.vigil.template;

/**
 * A problem in a template's text.
 *
 * @param index code-point index in the template text where the problem starts; callers map it to a
 *              file column (e.g. {@code StringLit.spanAt}, or a YAML scalar's position)
 */
public record TemplateError(int index, String message) {}
