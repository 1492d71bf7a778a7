using System.Text;

namespace SyscallBench.Reports.Html;

/// <summary>The page around the sections: styles, the embedded plotly.js, and the chart-drawing helper.</summary>
internal static class PageTemplate
{
    private const string Style = """
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 1280px; padding: 0 24px 48px; color: #222; }
        h1 { margin-bottom: 4px; } h2 { border-bottom: 2px solid #ddd; padding-bottom: 4px; margin-top: 40px; } h3 { margin-bottom: 4px; }
        nav { position: sticky; top: 0; background: #fff; padding: 8px 0; border-bottom: 1px solid #eee; z-index: 10; font-size: 14px; }
        nav a { margin-right: 14px; color: #1f5fa8; text-decoration: none; }
        table { border-collapse: collapse; font-size: 14px; }
        th, td { border: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
        table.metrics td { white-space: nowrap; }
        table.metrics td, table.data td { text-align: right; } table.metrics td.name, table.metrics td:nth-child(2), table.data td:first-child { text-align: left; }
        table.facts th { background: #f6f6f6; font-weight: 600; white-space: nowrap; }
        thead th { background: #f0f0f0; }
        .best { color: #0a7d28; font-weight: 700; }
        .ci { color: #666; font-size: 12px; font-weight: 400; }
        .name { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
        .note { color: #555; font-size: 13px; max-width: 980px; }
        .missing { color: #a15c00; }
        .scroll { overflow-x: auto; }
        .chart { width: 100%; }
        code { font-size: 12px; word-break: break-all; }
        .attack { color: #b8322f; font-weight: 600; }
        p.flagged { margin: 14px 0 4px; font-size: 14px; }
        table.explain td.calls { text-align: left; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; }
        /* A grid, not flex: each chart's column width is fixed before plotly draws it, even before its neighbour exists. */
        .pair { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 16px; }
        p.caption { font-size: 13px; margin: 6px 0 0; }
        """;

    // Drops any fixed size from the figure so the chart follows its div (responsive config redraws on resize),
    // then applies the chart's layout patch (see ChartEmbed.Html).
    private const string RenderHelper = """
        function renderChart(id, figure, config, patch) {
          var layout = figure.layout || {};
          delete layout.width; delete layout.height;
          Object.keys(patch || {}).forEach(function (key) {
            var value = patch[key];
            layout[key] = (value && typeof value === 'object' && layout[key] && typeof layout[key] === 'object')
              ? Object.assign(layout[key], value) : value;
          });
          layout.autosize = true;
          layout.margin = layout.margin || { t: 30, r: 20, b: 60, l: 70 };
          Plotly.newPlot(id, figure.data, layout, config);
        }
        """;

    public static string Render(string title, IReadOnlyList<(string Id, string Title)> navigation, string body)
    {
        var plotly = PlotlyJs.Source;
        if (plotly.Contains("</script", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("The embedded plotly.js contains '</script' and cannot be inlined safely.");
        }

        var html = new StringBuilder(plotly.Length + body.Length + 4096);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"generator\" content=\"SyscallBench; plotly.js ").Append(Text.Escape(PlotlyJs.Version)).Append(" embedded\">\n")
            .Append("<title>").Append(Text.Escape(title)).Append("</title>\n")
            .Append("<style>\n").Append(Style).Append("\n</style>\n")
            .Append("<script type=\"text/javascript\" id=\"plotly-js\">").Append(plotly).Append("</script>\n")
            .Append("<script type=\"text/javascript\">\n").Append(RenderHelper).Append("</script>\n")
            .Append("</head>\n<body>\n<nav>");
        foreach (var (id, navTitle) in navigation)
        {
            html.Append("<a href=\"#").Append(id).Append("\">").Append(Text.Escape(navTitle)).Append("</a>");
        }

        html.Append("</nav>\n").Append(body).Append("</body>\n</html>\n");
        return html.ToString();
    }
}
