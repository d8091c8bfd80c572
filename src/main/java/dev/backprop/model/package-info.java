/**
 * Saving and loading trained networks in a documented, versioned, safe file format: a JSON description and a
 * binary weights file with a SHA-256 checksum. Never Java serialization or Kryo: nothing in a model file is
 * executed or turned into arbitrary classes, and every field is checked on reading.
 *
 * <p>This package reads and writes streams ({@link dev.backprop.model.ModelWriter},
 * {@link dev.backprop.model.ModelReader}); it imports no Spark, Scala or Hadoop classes. Opening the files of a model
 * directory on a local disk, HDFS or S3, and writing them atomically, is done by {@code dev.backprop.spark.ModelStore}.
 *
 * <h2>The model format, version 1</h2>
 *
 * <p>A model is a directory holding two files:
 * <pre>
 * my-model/
 *   model.json    the description (UTF-8 JSON)
 *   weights.bin   all parameters, little-endian IEEE 754, nothing else
 * </pre>
 *
 * <h3>{@code model.json}</h3>
 *
 * <pre>{@code
 * {
 *   "format": "backprop-spark-model",
 *   "version": 1,
 *   "network": {
 *     "layer_sizes": [ 784, 128, 10 ],
 *     "hidden_activation": "relu",
 *     "output": "softmax_cross_entropy"
 *   },
 *   "precision": "float32",
 *   "parameter_count": 101770,
 *   "weights": {
 *     "file": "weights.bin",
 *     "bytes": 407080,
 *     "sha256": "5f0c0b1e8c3f4d7a9e2b6c1d0a4f8e3b7c2d9a1e6f5b4c3d2e1f0a9b8c7d6e5f"
 *   },
 *   "training": {
 *     "train.epochs": 300,
 *     "train.learning_rate": 0.5,
 *     "data.train": "src/data/mnist-10k/train.libsvm.gz",
 *     "test_accuracy": 0.9312
 *   }
 * }
 * }</pre>
 *
 * <table>
 *   <caption>Fields of model.json</caption>
 *   <tr><th>field</th><th>type</th><th>meaning</th></tr>
 *   <tr><td>{@code format}</td><td>string</td><td>always {@code "backprop-spark-model"}; anything else is not a
 *       model description</td></tr>
 *   <tr><td>{@code version}</td><td>integer</td><td>the format version, {@code 1}; a reader refuses a version
 *       higher than its own</td></tr>
 *   <tr><td>{@code network.layer_sizes}</td><td>array of positive integers</td><td>sizes from input to output: the
 *       number of features, each hidden layer, the number of outputs; at least two</td></tr>
 *   <tr><td>{@code network.hidden_activation}</td><td>string</td><td>the activation of every hidden layer:
 *       {@code sigmoid}, {@code tanh}, {@code relu}, {@code leaky_relu} or {@code identity}
 *       ({@link dev.backprop.nn.Activation#configName()})</td></tr>
 *   <tr><td>{@code network.output}</td><td>string</td><td>the output function with its training loss:
 *       {@code softmax_cross_entropy}, {@code sigmoid_binary_cross_entropy}, {@code identity_squared_error} or
 *       {@code sigmoid_squared_error} ({@link dev.backprop.nn.OutputLoss#configName()})</td></tr>
 *   <tr><td>{@code precision}</td><td>string</td><td>{@code float32} (4 bytes a parameter) or {@code float64}
 *       (8 bytes)</td></tr>
 *   <tr><td>{@code parameter_count}</td><td>integer</td><td>number of parameters; must equal what
 *       {@code layer_sizes} implies, the sum over layers of {@code fan_out * (fan_in + 1)}</td></tr>
 *   <tr><td>{@code weights.file}</td><td>string</td><td>the weights file's name in the same directory, a plain name
 *       (letters, digits, {@code . _ -}; no directory part); {@code weights.bin} when written by this
 *       code</td></tr>
 *   <tr><td>{@code weights.bytes}</td><td>integer</td><td>its length: {@code parameter_count} times 4 or 8</td></tr>
 *   <tr><td>{@code weights.sha256}</td><td>string</td><td>its SHA-256, 64 hex digits (written lowercase)</td></tr>
 *   <tr><td>{@code training}</td><td>object, optional</td><td>training metadata: a flat map from names to strings,
 *       booleans or finite numbers (no nesting, no nulls). Informational only: it does not change what the model
 *       computes. The trainer uses its configuration keys ({@code train.epochs}, {@code train.learning_rate},
 *       {@code train.l2}, {@code train.seed}, {@code data.train}, ...) and the names of its result line
 *       ({@code train_accuracy}, {@code test_accuracy}, {@code final_loss}, ...)</td></tr>
 * </table>
 *
 * <h3>{@code weights.bin}</h3>
 *
 * <p>Exactly {@code parameter_count} values, each a little-endian IEEE 754 binary32 ({@code float32}) or binary64
 * ({@code float64}), in the order of {@link dev.backprop.nn.ParameterLayout}: for each affine layer
 * {@code l = 1, 2, ...} from the input on, first its weight matrix {@code W_l} ({@code fan_out x fan_in}, stored
 * column by column, so element {@code (r, c)} is at {@code r + c * fan_out}), then its bias {@code b_l}
 * ({@code fan_out} values). Layer {@code l} computes {@code z_l = W_l h_(l-1) + b_l}. No header, no padding, no
 * trailer. In numpy: {@code np.fromfile("weights.bin", dtype="<f4")} (or {@code "<f8"}).
 *
 * <h3>What a reader checks</h3>
 *
 * <ul>
 *   <li>{@code model.json} is one well-formed JSON object (no duplicate keys, no trailing content, no {@code NaN});
 *       {@code format} is right and {@code version} is not newer than the reader's;</li>
 *   <li>every field above is present (except {@code training}) with its type; the names of the activation, output
 *       and precision are known; sizes, count and byte length agree;</li>
 *   <li>{@code weights.bin} has exactly {@code weights.bytes} bytes and the SHA-256 {@code weights.sha256};</li>
 *   <li>every parameter is finite.</li>
 * </ul>
 * Anything else is refused with a {@link dev.backprop.model.ModelFormatException} whose message names the file and
 * the problem. A writer refuses a model with non-finite parameters.
 *
 * <h3>Versions and later fields</h3>
 *
 * <p>A version-1 reader ignores fields it does not know, at the top level and inside the objects above, so that
 * fields which only add information (more metadata, provenance) can be added without a new version. A change that
 * an older reader must not ignore, because the model would compute something else without it (feature scaling,
 * label mappings, categorical columns, a new layer kind), raises {@code version}; readers of a version accept every
 * lower version.
 *
 * <h3>Atomic writes</h3>
 *
 * <p>{@code ModelStore} writes both files into a temporary sibling directory {@code <dir>.tmp-<random>} and renames
 * it to {@code <dir>}, so a model directory is either complete or absent. It refuses an existing directory unless
 * asked to overwrite, and even then only one that holds a {@code model.json}.
 */
package dev.backprop.model;
