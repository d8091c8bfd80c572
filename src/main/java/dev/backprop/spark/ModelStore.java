package dev.backprop.spark;

import dev.backprop.model.ModelDescription;
import dev.backprop.model.ModelFormatException;
import dev.backprop.model.ModelReader;
import dev.backprop.model.ModelWriter;
import dev.backprop.model.TrainedModel;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.UUID;

/**
 * Saves and loads models (the format of {@link dev.backprop.model}) in a directory on any file system Hadoop
 * reaches: local paths, {@code file://}, {@code hdfs://}, {@code s3a://} (with its connector on the class path).
 *
 * <p>Saving is atomic as far as the file system allows: both files are written into a temporary sibling directory
 * {@code <path>.tmp-<random>}, which is then renamed to {@code <path>}. An existing {@code <path>} is refused unless
 * {@code overwrite} is given, and even then only when it is a model directory (it holds a {@code model.json}): it
 * is renamed to {@code <path>.old-<random>}, the new directory renamed in, and the old one deleted. On any failure
 * the temporary directory is deleted and a replaced model is put back, so {@code <path>} holds either the old
 * model or the new one, never a mix. Renames are atomic on HDFS and local disks; on object stores such as S3 a
 * directory rename is a copy, and a crash in the middle of it can leave a partial directory, which loading then
 * refuses (missing file or checksum mismatch).
 *
 * <p>On a local disk the files are written without Hadoop's {@code .crc} side files: the format has its own
 * checksum.
 */
public final class ModelStore {

    private ModelStore() {
    }

    /** Saves {@code model} to a new directory {@code path}; refuses an existing one. */
    public static void save(TrainedModel model, String path, Configuration conf) throws IOException {
        save(model, path, conf, false);
    }

    /**
     * Saves {@code model} as directory {@code path}, creating missing parent directories.
     *
     * @param overwrite replace an existing model directory at {@code path}
     * @throws FileAlreadyExistsException if {@code path} exists and {@code overwrite} is not set, or it exists and
     *                                    is not a model directory
     * @throws IllegalArgumentException   if a parameter is NaN or infinite (nothing is written)
     */
    public static void save(TrainedModel model, String path, Configuration conf, boolean overwrite)
            throws IOException {
        ModelWriter writer = new ModelWriter(model);
        Path target = new Path(path);
        FileSystem fs = fileSystem(target, conf);
        target = fs.makeQualified(target);
        Path parent = target.getParent();
        if (parent == null) {
            throw new IllegalArgumentException("cannot save a model as the root directory " + target);
        }
        boolean replace = checkTarget(fs, target, path, overwrite);
        if (!fs.mkdirs(parent)) {
            throw new IOException("cannot create directory " + parent + " for model " + path);
        }
        Path temp = new Path(parent, target.getName() + ".tmp-" + randomSuffix());
        try {
            if (!fs.mkdirs(temp)) {
                throw new IOException("cannot create temporary directory " + temp);
            }
            try (OutputStream out = create(fs, new Path(temp, writer.description().weightsFile()))) {
                writer.writeWeights(out);
            }
            try (OutputStream out = create(fs, new Path(temp, ModelDescription.DESCRIPTION_FILE))) {
                writer.writeDescription(out);
            }
            if (replace) {
                replace(fs, temp, target, path);
            } else if (!fs.rename(temp, target)) {
                throw new IOException("could not rename " + temp + " to " + target
                        + (fs.exists(target) ? " (it was created meanwhile)" : ""));
            }
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(fs, temp, e);
            throw e;
        }
    }

    /**
     * Loads the model in directory {@code path}.
     *
     * @throws ModelFormatException if the directory or one of its files is missing, or a file is not valid (see
     *                              {@link ModelReader}); the message names the file
     * @throws IOException          if the file system fails
     */
    public static TrainedModel load(String path, Configuration conf) throws IOException {
        Path dir = new Path(path);
        FileSystem fs = fileSystem(dir, conf);
        String name = stripSlash(path);
        FileStatus status;
        try {
            status = fs.getFileStatus(dir);
        } catch (FileNotFoundException e) {
            throw new ModelFormatException(name, "no such model directory", e);
        }
        if (!status.isDirectory()) {
            throw new ModelFormatException(name, "is a file; a model is a directory holding "
                    + ModelDescription.DESCRIPTION_FILE + " and " + ModelDescription.WEIGHTS_FILE);
        }
        String jsonName = name + "/" + ModelDescription.DESCRIPTION_FILE;
        ModelDescription description;
        try (InputStream in = open(fs, new Path(dir, ModelDescription.DESCRIPTION_FILE), jsonName)) {
            description = ModelReader.readDescription(in, jsonName);
        }
        Path weightsPath = new Path(dir, description.weightsFile());
        String weightsName = name + "/" + description.weightsFile();
        long length = lengthOf(fs, weightsPath, weightsName);
        if (length != description.weightsBytes()) {
            // Checked before reading, so that a wrong file costs no allocation of the described parameters.
            throw new ModelFormatException(weightsName, (length < description.weightsBytes() ? "truncated: " : "")
                    + length + " bytes, but " + ModelDescription.DESCRIPTION_FILE + " says "
                    + description.weightsBytes());
        }
        try (InputStream in = open(fs, weightsPath, weightsName)) {
            return ModelReader.readWeights(description, in, weightsName);
        }
    }

    /** Whether an existing target is to be replaced; refuses what may not be. */
    private static boolean checkTarget(FileSystem fs, Path target, String path, boolean overwrite)
            throws IOException {
        FileStatus status;
        try {
            status = fs.getFileStatus(target);
        } catch (FileNotFoundException e) {
            return false;
        }
        if (!overwrite) {
            throw new FileAlreadyExistsException("model directory " + path + " already exists; choose another"
                    + " path or save with overwrite to replace it");
        }
        if (!status.isDirectory() || !fs.exists(new Path(target, ModelDescription.DESCRIPTION_FILE))) {
            throw new FileAlreadyExistsException(path + " exists and is not a model directory (no "
                    + ModelDescription.DESCRIPTION_FILE + "); refusing to replace it even with overwrite");
        }
        return true;
    }

    /** Old target away, new in, old deleted; puts the old one back if the new one cannot be moved in. */
    private static void replace(FileSystem fs, Path temp, Path target, String path) throws IOException {
        Path old = new Path(target.getParent(), target.getName() + ".old-" + randomSuffix());
        if (!fs.rename(target, old)) {
            throw new IOException("could not move the existing model " + target + " aside to " + old);
        }
        try {
            if (!fs.rename(temp, target)) {
                throw new IOException("could not rename " + temp + " to " + target);
            }
        } catch (IOException | RuntimeException e) {
            putBack(fs, old, target, path, e);
            throw e;
        }
        if (!fs.delete(old, true)) {
            throw new IOException("saved model " + path + " but could not delete the replaced one at " + old);
        }
    }

    /** After a failed replacement: moves the old model back to {@code target}, or says where it is. */
    private static void putBack(FileSystem fs, Path old, Path target, String path, Exception failure) {
        try {
            if (!fs.exists(target) && fs.rename(old, target)) {
                return;
            }
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
        failure.addSuppressed(new IOException("could not put the replaced model back to " + path + "; it is at "
                + old));
    }

    /** The file system of {@code path}; on a local disk the raw one, without {@code .crc} side files. */
    private static FileSystem fileSystem(Path path, Configuration conf) throws IOException {
        FileSystem fs = path.getFileSystem(conf);
        return fs instanceof ChecksumFileSystem checksummed ? checksummed.getRawFileSystem() : fs;
    }

    private static OutputStream create(FileSystem fs, Path file) throws IOException {
        FSDataOutputStream out = fs.create(file, false);
        return new BufferedOutputStream(out, 1 << 16);
    }

    private static InputStream open(FileSystem fs, Path file, String name) throws IOException {
        try {
            return new BufferedInputStream(fs.open(file), 1 << 16);
        } catch (FileNotFoundException e) {
            throw new ModelFormatException(name, "missing (a model directory holds "
                    + ModelDescription.DESCRIPTION_FILE + " and the weights file it names)", e);
        }
    }

    private static long lengthOf(FileSystem fs, Path file, String name) throws IOException {
        FileStatus status;
        try {
            status = fs.getFileStatus(file);
        } catch (FileNotFoundException e) {
            throw new ModelFormatException(name, "missing (a model directory holds "
                    + ModelDescription.DESCRIPTION_FILE + " and the weights file it names)", e);
        }
        if (status.isDirectory()) {
            throw new ModelFormatException(name, "is a directory, expected the weights file");
        }
        return status.getLen();
    }

    private static void deleteQuietly(FileSystem fs, Path temp, Throwable failure) {
        try {
            if (fs.exists(temp)) {
                fs.delete(temp, true);
            }
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static String randomSuffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private static String stripSlash(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
