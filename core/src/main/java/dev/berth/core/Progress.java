package dev.berth.core;

/**
 * Reports the advance of long work (load, save, pull, commit of a large layer), so that a terminal can show
 * progress bars; {@link #NONE} when nobody watches.
 */
public interface Progress {

    Progress NONE = (id, action, total) -> Task.NONE;

    /**
     * Starts a task, e.g. loading one layer.
     *
     * @param id     a short name of what is worked on (a layer's short digest)
     * @param action what is done, e.g. {@code Loading layer}
     * @param total  the bytes the task will process, or -1 when unknown
     */
    Task start(String id, String action, long total);

    /** One task under way. */
    interface Task {
        Task NONE = new Task() {
            @Override
            public void advance(long bytes) {
            }

            @Override
            public void done(String status) {
            }
        };

        /** {@code bytes} more were processed. */
        void advance(long bytes);

        /**
         * The task reached a step that has no measure, e.g. {@code Verifying Checksum}: a line of its own
         * where output is a log rather than a terminal.
         */
        default void status(String status) {
        }

        /**
         * The task began a measured step of {@code total} bytes (-1 when unknown), e.g. {@code Downloading}
         * then {@code Extracting}: {@link #advance} counts from zero again.
         */
        default void phase(String action, long total) {
        }

        /** The task ended; {@code status} says how, e.g. {@code Pull complete}. */
        void done(String status);
    }
}
