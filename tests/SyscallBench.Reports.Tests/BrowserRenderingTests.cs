using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using SyscallBench.Reports.Dataset;
using SyscallBench.TestSupport.Browser;
using Xunit.Abstractions;

namespace SyscallBench.Reports.Tests;

/// <summary>
/// Opens a generated report in headless chromium with no network and checks that every chart was drawn by
/// plotly.js: no JavaScript error, one SVG plot per chart div, every trace non-empty, and no resource
/// requested from anywhere. A screenshot is saved for a person to look at.
/// </summary>
public sealed class BrowserRenderingTests(ITestOutputHelper output)
{
    // Injected into a copy of the report only: records errors from the first script on, then after load
    // writes what plotly drew into a <pre> that --dump-dom prints.
    private const string ErrorRecorder =
        "<script>window.__errors=[];window.addEventListener('error',function(e){window.__errors.push(String(e.message));});</script>";

    private const string ProbeScript = """
        <script>
        window.addEventListener('load', function () {
          setTimeout(function () {
            var charts = Array.prototype.slice.call(document.querySelectorAll('div.chart')).map(function (div) {
              return {
                id: div.id,
                plotted: div.classList.contains('js-plotly-plot'),
                svgs: div.querySelectorAll('svg.main-svg').length,
                traces: (div.data || []).map(function (t) {
                  var n = t.x ? t.x.length : (t.y ? t.y.length : 0);
                  return { name: String(t.name), points: n };
                })
              };
            });
            var resources = performance.getEntriesByType('resource').map(function (r) { return r.name; });
            var pre = document.createElement('pre');
            pre.id = 'render-probe';
            pre.textContent = JSON.stringify({ errors: window.__errors, charts: charts, resources: resources });
            document.body.appendChild(pre);
          }, 500);
        });
        </script>
        """;

    [ChromiumFact]
    public void GivenAReport_WhenOpenedInHeadlessChromiumOffline_ThenEveryChartRendersWithoutErrorsOrRequests() =>
        RendersEveryChart(ReportFixture.Result(), "browser-check");

    [ChromiumFact]
    public void GivenAReportWithTheTimeAwareSection_WhenOpenedInHeadlessChromiumOffline_ThenEveryChartRendersWithoutErrorsOrRequests() =>
        RendersEveryChart(OverTimeFixture.Result(), "browser-check-over-time");

    private void RendersEveryChart(Core.Results.RunResult result, string folderName)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, folderName);
        Directory.CreateDirectory(folder);
        HtmlReportExporter.Write(result, DatasetOverview.Compute(ReportFixture.Dataset()), folder);
        var report = Path.Combine(folder, HtmlReportExporter.FileName);
        var html = File.ReadAllText(report);
        var expectedCharts = Regex.Matches(html, "<div class=\"chart\" id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToArray();
        using var probe = Probe(html, Path.Combine(folder, "report.probed.html"));
        var root = probe.RootElement;
        output.WriteLine(root.ToString());

        Assert.Empty(root.GetProperty("errors").EnumerateArray());
        Assert.Empty(root.GetProperty("resources").EnumerateArray());
        var charts = root.GetProperty("charts").EnumerateArray().ToArray();
        Assert.Equal(expectedCharts, charts.Select(c => c.GetProperty("id").GetString()).ToArray());
        foreach (var chart in charts)
        {
            var id = chart.GetProperty("id").GetString();
            Assert.True(chart.GetProperty("plotted").GetBoolean(), $"{id}: plotly did not draw it");
            Assert.True(chart.GetProperty("svgs").GetInt32() >= 1, $"{id}: no main-svg element");
            var traces = chart.GetProperty("traces").EnumerateArray().ToArray();
            Assert.NotEmpty(traces);
            Assert.All(traces, t => Assert.True(t.GetProperty("points").GetInt32() > 0, $"{id}: trace '{t.GetProperty("name")}' is empty"));
        }

        var screenshot = Path.Combine(folder, "report.png");
        HeadlessChromium.Screenshot(report, screenshot, 1400, 4000);
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is (nearly) empty");
        output.WriteLine($"Screenshot for a person to look at: {screenshot}");
    }

    [ChromiumFact]
    public void GivenAPageWithAScriptErrorAndAnExternalImage_WhenProbed_ThenBothAreReported()
    {
        // The check above is only worth something if it can fail: a broken page must show up in the probe.
        var folder = Directory.CreateTempSubdirectory("browser-negative-").FullName;
        try
        {
            const string broken = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<title>broken</title>\n</head>\n<body>\n"
                + "<img src=\"https://cdn.example.invalid/pixel.png\">\n<script>notDefinedAnywhere();</script>\n</body>\n</html>\n";
            using var probe = Probe(broken, Path.Combine(folder, "broken.html"));

            Assert.Contains(probe.RootElement.GetProperty("errors").EnumerateArray(), e => e.GetString()!.Contains("notDefinedAnywhere", StringComparison.Ordinal));
            Assert.Contains(probe.RootElement.GetProperty("resources").EnumerateArray(), r => r.GetString()!.StartsWith("https://cdn.example.invalid/", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Writes <paramref name="html"/> with the recorder and probe injected to <paramref name="path"/>, renders it, returns the probe's JSON.</summary>
    private static JsonDocument Probe(string html, string path)
    {
        File.WriteAllText(path, html
            .Replace("<head>\n", "<head>\n" + ErrorRecorder + "\n", StringComparison.Ordinal)
            .Replace("</body>", ProbeScript + "</body>", StringComparison.Ordinal));
        var dom = HeadlessChromium.DumpDom(path);
        var match = Regex.Match(dom, "<pre id=\"render-probe\">(.*?)</pre>", RegexOptions.Singleline);
        Assert.True(match.Success, "the probe never ran: the page did not finish loading");
        return JsonDocument.Parse(WebUtility.HtmlDecode(match.Groups[1].Value));
    }
}
