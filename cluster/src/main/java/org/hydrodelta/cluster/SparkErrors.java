package org.hydrodelta.cluster;

/** Turns Spark's nested job failures into the message of their first cause raised by HydroDelta code. */
public final class SparkErrors {
    private SparkErrors() {
    }

    /**
     * @param e a failure, possibly a {@code SparkException} wrapping an executor's exception as text
     * @return a one-line message: the executor's own message where one can be found
     */
    public static String message(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && !(t instanceof org.apache.spark.SparkException)) {
                return m.split("\n")[0];
            }
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // "Job aborted due to stage failure: Task 0 in stage 3.0 failed 4 times, most recent failure: Lost task
        // ... : java.lang.IllegalStateException: executor ... cannot load ..."
        int i = m.indexOf("Exception: ");
        return (i >= 0 ? m.substring(i + "Exception: ".length()) : m).split("\n")[0];
    }
}
