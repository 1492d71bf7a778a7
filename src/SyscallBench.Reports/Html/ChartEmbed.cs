using System.Text;
using Plotly.NET;

namespace SyscallBench.Reports.Html;

/// <summary>
/// Places a Plotly.NET chart in the page: a div with a stable id and a script calling Plotly.newPlot with
/// the chart's figure JSON. Stable ids (not Plotly.NET's random GUIDs) make the same result give the same
/// file, and let tests find each chart.
/// </summary>
internal static class ChartEmbed
{
    /// <summary>No logo link, no "edit in Chart Studio" link: nothing in the page may point outside it.</summary>
    private const string Config = "{\"responsive\":true,\"displaylogo\":false,\"showLink\":false,\"showEditInChartStudio\":false,\"showSendToCloud\":false}";

    /// <param name="id">The div's id, unique in the page.</param>
    /// <param name="chart">The Plotly.NET chart.</param>
    /// <param name="height">Pixel height of the chart.</param>
    /// <param name="layoutPatch">
    /// Layout settings Plotly.NET's C# API does not expose (tick formats, bar gaps), as a JSON object merged
    /// into the figure's layout one level deep, e.g. {"xaxis":{"tickformat":".1%"}}.
    /// </param>
    public static string Html(string id, GenericChart chart, int height = 420, string layoutPatch = "{}")
    {
        var figure = GenericChart.toFigureJson(chart);
        var html = new StringBuilder();
        html.Append("<div class=\"chart\" id=\"").Append(Text.Escape(id)).Append("\" style=\"height:")
            .Append(height).Append("px\"></div>\n");
        html.Append("<script type=\"text/javascript\">renderChart('").Append(id).Append("', ")
            .Append(ScriptSafe(figure)).Append(", ").Append(Config).Append(", ").Append(ScriptSafe(layoutPatch)).Append(");</script>\n");
        return html.ToString();
    }

    /// <summary>
    /// A JSON string can hold "&lt;/script&gt;" or "&lt;!--" (a detector or family name). '&lt;' only occurs inside
    /// JSON strings, where \u003c means the same character, so escaping every one keeps the JSON equal and
    /// the script element intact.
    /// </summary>
    private static string ScriptSafe(string json) => json.Replace("<", "\\u003c", StringComparison.Ordinal);
}
