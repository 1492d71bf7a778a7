using System.Globalization;
using System.Net;
using System.Text.Json;
using SyscallBench.Core.Results;
using SyscallBench.Core.Running;

namespace SyscallBench.Reports.Figures;

/// <summary>
/// Writes every chart of a report.html as an image file, figures/&lt;chart-id&gt;.png|svg, for papers. The
/// report itself is the source: a copy with a small script appended is opened in headless Chromium, the
/// script asks plotly.js for each chart's image (Plotly.toImage, the library the page already embeds) and
/// writes the images into the DOM, which --dump-dom returns. One browser start for all charts; no network.
/// </summary>
/// <remarks>
/// Every image is <see cref="Width"/> px wide and as tall as the chart is in the report; PNGs are drawn at
/// <see cref="PngScale"/>x for print. Plotly.NET.ImageExport is not used: it downloads its own browser.
/// </remarks>
public static class FigureExporter
{
    public const string FolderName = RunFolder.FiguresFolderName;

    public const int Width = 1000;

    public const int PngScale = 2;

    private const string ResultElementId = "syscallbench-figures";

    /// <summary>Renders the charts of <paramref name="reportFile"/> into &lt;its folder&gt;/figures/.</summary>
    /// <param name="reportFile">A report.html written by <see cref="HtmlReportExporter"/>.</param>
    /// <param name="format">PNG or SVG.</param>
    /// <param name="chromium">The Chromium executable; null: $SYSCALLBENCH_CHROMIUM, else /usr/bin/chromium.</param>
    /// <returns>The files written, in page order.</returns>
    /// <exception cref="ChromiumNotFoundException">No headless Chromium (the message says how to install it).</exception>
    /// <exception cref="InvalidOperationException">Chromium or plotly.js failed; the message says which chart.</exception>
    public static IReadOnlyList<string> Write(string reportFile, FigureFormat format, string? chromium = null)
    {
        // Before anything is written: without a browser there are no figures, and the message says how to get one.
        chromium = ChromiumRenderer.Resolve(chromium);
        var html = File.ReadAllText(reportFile);
        var bodyEnd = html.LastIndexOf("</body>", StringComparison.Ordinal);
        if (bodyEnd < 0)
        {
            throw new InvalidOperationException($"{reportFile}: not a report page (no </body>).");
        }

        var folder = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(reportFile))!, FolderName);
        Directory.CreateDirectory(folder);
        // The page with the export script sits next to the report only while Chromium reads it.
        var page = Path.Combine(folder, ".export.html");
        try
        {
            File.WriteAllText(page, html[..bodyEnd] + Script(format) + html[bodyEnd..]);
            var chartCount = html.Split("<div class=\"chart\" id=\"").Length - 1;
            var dom = ChromiumRenderer.DumpDom(chromium, page, TimeSpan.FromSeconds(120 + chartCount * 3));
            return Save(Extract(dom, reportFile), folder, format);
        }
        finally
        {
            File.Delete(page);
        }
    }

    private static string Script(FigureFormat format) =>
        $$"""
        <script>
        window.addEventListener('load', function () {
          var divs = Array.prototype.slice.call(document.querySelectorAll('div.chart'));
          var out = [];
          function next(i) {
            if (i >= divs.length) {
              var pre = document.createElement('pre');
              pre.id = '{{ResultElementId}}';
              pre.textContent = JSON.stringify(out);
              document.body.appendChild(pre);
              return;
            }
            var div = divs[i];
            var options = { format: '{{format.Extension()}}', width: {{Width}}, height: div.clientHeight || 420, scale: {{(format == FigureFormat.Png ? PngScale : 1).ToString(CultureInfo.InvariantCulture)}} };
            Plotly.toImage(div, options).then(
              function (url) { out.push({ id: div.id, url: url }); next(i + 1); },
              function (error) { out.push({ id: div.id, error: String(error) }); next(i + 1); });
          }
          next(0);
        });
        </script>

        """;

    private static IReadOnlyList<(string Id, string? Url, string? Error)> Extract(string dom, string reportFile)
    {
        var marker = $"<pre id=\"{ResultElementId}\">";
        var start = dom.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException($"{reportFile}: Chromium returned the page without the figures (did plotly.js load?).");
        }

        start += marker.Length;
        var end = dom.IndexOf("</pre>", start, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(WebUtility.HtmlDecode(dom[start..end]));
        return json.RootElement.EnumerateArray()
            .Select(e => (e.GetProperty("id").GetString()!,
                e.TryGetProperty("url", out var url) ? url.GetString() : null,
                e.TryGetProperty("error", out var error) ? error.GetString() : null))
            .ToArray();
    }

    private static IReadOnlyList<string> Save(IReadOnlyList<(string Id, string? Url, string? Error)> images, string folder, FigureFormat format)
    {
        var failed = images.Where(i => i.Url is null).ToArray();
        if (failed.Length > 0)
        {
            throw new InvalidOperationException("plotly.js could not export " + string.Join("; ", failed.Select(f => $"{f.Id}: {f.Error}")));
        }

        var files = new List<string>();
        foreach (var (id, url, _) in images)
        {
            var comma = url!.IndexOf(',', StringComparison.Ordinal);
            var header = url[..comma];
            var data = url[(comma + 1)..];
            var bytes = header.EndsWith(";base64", StringComparison.Ordinal)
                ? Convert.FromBase64String(data)
                : System.Text.Encoding.UTF8.GetBytes(Uri.UnescapeDataString(data));
            if (id.Length == 0 || id.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || id.StartsWith('.'))
            {
                throw new InvalidOperationException($"chart id '{id}' cannot name a file.");
            }

            var file = Path.Combine(folder, $"{id}.{format.Extension()}");
            AtomicFile.Write(file, stream => stream.Write(bytes));
            files.Add(file);
        }

        return files;
    }
}
