using System.Text.RegularExpressions;
using SyscallBench.Reports.Figures;
using SyscallBench.Reports.Tests.Sections;
using SyscallBench.TestSupport.Browser;

namespace SyscallBench.Reports.Tests.Figures;

public sealed class FigureExporterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("syscallbench-figures-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private (string Report, string[] ChartIds) WriteReport()
    {
        // With both insight sections, so their charts must render in the browser too.
        HtmlReportExporter.Write(InsightSectionsTests.WithProbes(InsightSectionsTests.Explanation, InsightSectionsTests.NextCall), null, _folder);
        var report = Path.Combine(_folder, HtmlReportExporter.FileName);
        var ids = Regex.Matches(File.ReadAllText(report), "<div class=\"chart\" id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToArray();
        return (report, ids);
    }

    [ChromiumFact]
    public void GivenAReport_WhenExportedAsSvg_ThenEveryChartBecomesAnSvgFileNamedByItsId()
    {
        // Given
        var (report, ids) = WriteReport();
        Assert.Contains("chart-nextcall-clean-most-anomalous-attack-test-attack-0-typical-surprisal", ids);

        // When
        var files = FigureExporter.Write(report, FigureFormat.Svg);

        // Then: one file per chart, in page order, each a drawn SVG; the export page is gone
        var folder = Path.Combine(_folder, FigureExporter.FolderName);
        Assert.Equal(ids.Select(id => Path.Combine(folder, id + ".svg")), files);
        foreach (var file in files)
        {
            var svg = File.ReadAllText(file);
            Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
            Assert.Contains("class=\"main-svg\"", svg, StringComparison.Ordinal);
        }

        Assert.Equal(files.Order(StringComparer.Ordinal), Directory.GetFiles(folder).Order(StringComparer.Ordinal));
    }

    [ChromiumFact]
    public void GivenAReport_WhenExportedAsPng_ThenEveryChartIsAPngImageAtTwiceTheWidth()
    {
        // Given
        var (report, ids) = WriteReport();

        // When
        var files = FigureExporter.Write(report, FigureFormat.Png);

        // Then: PNG signature, and the IHDR width is 2 x 1000 px
        Assert.Equal(ids.Length, files.Count);
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
            var width = (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19];
            Assert.Equal(FigureExporter.Width * FigureExporter.PngScale, width);
        }
    }

    [Fact]
    public void GivenNoChromiumAtThePathGiven_WhenExported_ThenTheMessageSaysHowToInstallItAndNothingIsWritten()
    {
        // Given
        var (report, _) = WriteReport();
        var missing = Path.Combine(_folder, "no-such-chromium");

        // When
        var error = Assert.Throws<ChromiumNotFoundException>(() => FigureExporter.Write(report, FigureFormat.Png, missing));

        // Then
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install chromium", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, FigureExporter.FolderName)));
    }

    [Theory]
    [InlineData("png", FigureFormat.Png)]
    [InlineData("SVG", FigureFormat.Svg)]
    [InlineData("pdf", null)]
    [InlineData("", null)]
    public void GivenAFormatName_WhenParsed_ThenOnlyPngAndSvgAreKnown(string text, FigureFormat? expected) =>
        Assert.Equal(expected, FigureFormats.Parse(text));
}
