/**
 * Reading examples and stacking them into blocks: line parsers (LIBSVM), labelled points, target encodings and
 * {@link dev.backprop.data.Block}, a matrix of examples (one per column) with its targets. Parsing works on lines
 * and streams; opening distributed paths belongs to the Spark layer. Errors name the file and line.
 */
package dev.backprop.data;
