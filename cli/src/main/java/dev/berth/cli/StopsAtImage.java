package dev.berth.cli;

/**
 * A command whose options end at the image name, so that {@code berth run bb:1 ls -la} gives {@code -la} to
 * {@code ls}, as Docker does.
 */
public interface StopsAtImage {
}
