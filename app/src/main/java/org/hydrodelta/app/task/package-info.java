/**
 * Background work for the workbench: core's {@link org.hydrodelta.core.progress.ProgressListener} and
 * {@link org.hydrodelta.core.progress.CancellationToken} adapted to JavaFX tasks (QuPath's TaskRunnerFX,
 * JabRef's UiTaskExecutor), and a same-thread executor so view models are testable without a window
 * (JabRef's CurrentThreadTaskExecutor).
 */
package org.hydrodelta.app.task;
