/**
 * The job entry points: one class with a {@code main} per job under {@code jobs/}, plus what they share (parsing
 * {@code key=value} arguments, exit codes, the JSON line every job prints last).
 *
 * <p>This package may depend on every other package of the project, Spark included; nothing depends on it (the
 * architecture test enforces both). A job's computation lives in a method that returns a result record, so that
 * tests call it directly and never parse standard output or call {@code System.exit}.
 */
package dev.backprop.cli;
