package dev.backprop.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;

import java.io.IOException;
import java.util.UUID;

/** Writes an RDD of lines as a folder of part files that appears at its path only once it is complete. */
public final class OutputDirectory {

    private OutputDirectory() {
    }

    /** Throws if {@code path} exists: outputs are never overwritten. */
    public static void refuseExisting(String path, Configuration conf) throws IOException {
        Path target = new Path(path);
        if (target.getFileSystem(conf).exists(target)) {
            throw new IOException("output path " + path + " exists; give a new path or remove it");
        }
    }

    /**
     * Writes {@code lines} into a hidden temporary sibling folder, then renames it to {@code path}; on failure the
     * temporary folder is removed and nothing appears at {@code path}. Returns the number of lines.
     */
    public static long writeText(JavaRDD<String> lines, String path, Configuration conf) throws IOException {
        Path target = new Path(path);
        FileSystem fs = target.getFileSystem(conf);
        refuseExisting(path, conf);
        Path parent = target.getParent();
        Path temporary = new Path(parent, "." + target.getName() + ".tmp-" + UUID.randomUUID());
        try {
            lines.saveAsTextFile(temporary.toString());
            long count = lines.count();
            if (!fs.rename(temporary, target)) {
                throw new IOException("could not rename " + temporary + " to " + path);
            }
            return count;
        } finally {
            if (fs.exists(temporary)) {
                fs.delete(temporary, true);
            }
        }
    }
}
