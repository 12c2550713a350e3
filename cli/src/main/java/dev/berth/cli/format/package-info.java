/**
 * Docker's output formatting, shared by every listing and inspect command.
 *
 * <ul>
 *   <li>Listings ({@code images}, {@code ps}, {@code history}, {@code system df}, {@code stats}) declare a
 *       {@link dev.berth.cli.format.Listing} (context type, default table, headers), choose the output for their
 *       {@code --format} and {@code -q} with {@link dev.berth.cli.format.Listing#format} before doing any work, and
 *       print {@link dev.berth.cli.format.ListingFormat#render} of their rows: the default table, {@code table
 *       TEMPLATE}, {@code json} or a template per row, aligned as Docker aligns tables.</li>
 *   <li>{@code inspect -f}, {@code version --format} and {@code info --format} execute a
 *       {@link dev.berth.cli.format.GoTemplate} on their value directly: Docker gives those neither table nor
 *       {@code \t} handling.</li>
 *   <li>Values are formatted as Docker formats them: {@link dev.berth.cli.format.Sizes} (go-units),
 *       {@link dev.berth.cli.format.Times} (ages, {@code CreatedAt}), {@link dev.berth.cli.format.Truncation}
 *       (IDs, {@code ps} commands).</li>
 * </ul>
 *
 * <p>A template failure is a {@link dev.berth.cli.format.TemplateException} with Docker's message; Docker exits
 * with 1 for it. Nothing here uses reflection, regular expressions, lambdas or Jackson, because it runs on every
 * listing's start-up path.
 */
package dev.berth.cli.format;
