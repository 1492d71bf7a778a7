using System.Globalization;
using System.Text;
using SyscallBench.Core.Results;
using SyscallBench.Core.Running.Sharding;
using SyscallBench.Core.Splits;
using SyscallBench.Reports.Html;

namespace SyscallBench.Reports.Sections;

/// <summary>What was run, on what, by which code, on which machine, and where its files are.</summary>
internal static class HeaderSection
{
    public static string Html(RunResult result)
    {
        var config = result.Config;
        var dataset = result.Dataset;
        var environment = result.Environment;
        var runFolder = Path.Combine(Path.GetFullPath(Path.Combine(config.OutputDirectory, config.Name)), result.RunId);
        var html = new StringBuilder();
        html.Append("<header id=\"header\"><h1>").Append(Text.Escape(config.Name)).Append("</h1>\n");
        if (!string.IsNullOrWhiteSpace(config.Description))
        {
            html.Append("<p class=\"description\">").Append(Text.Escape(config.Description)).Append("</p>\n");
        }

        if (ShardNote.Of(result) is { } partial)
        {
            html.Append("<p class=\"missing\" id=\"partial\"><b>").Append(Text.Escape(partial)).Append("</b>: every number below covers this shard's ")
                .Append("detectors and units only.</p>\n");
        }

        html.Append("<table class=\"facts\">\n");
        Row(html, "run id", Text.Escape(result.RunId));
        Row(html, "started", Text.Escape(result.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture))
            + $", wall time {Text.Seconds(result.WallTime)}");
        Row(html, "dataset", $"{Text.Escape(dataset.Name)} (type {Text.Escape(dataset.Provenance.Type)}, {Text.Escape(dataset.Provenance.Location)})");
        Row(html, "dataset SHA-256", $"<code>{Text.Escape(dataset.Provenance.ContentHash)}</code>");
        Row(html, "train", $"{Text.Integer(dataset.TrainTraces)} normal traces, {Text.Integer(dataset.TrainCalls)} calls");
        Row(html, "test", $"{Text.Integer(dataset.TestNormalTraces)} normal + {Text.Integer(dataset.TestAttackTraces)} attack traces, {Text.Integer(dataset.TestCalls)} calls");
        // Re-splits draw their own train and test sets: the rows above describe the dataset's own split only.
        var resplits = result.Splits.Where(s => s.BaseSplit is null && s.Name != DataSplit.Official).ToArray();
        if (resplits.Length > 0)
        {
            Row(html, "evaluated on", string.Join("; ", resplits.Select(s =>
                    $"{Text.Escape(s.Name)}: {Text.Integer(s.TrainTraces)} train, {Text.Integer(s.TestNormalTraces)} normal + {Text.Integer(s.TestAttackTraces)} attack test traces"))
                + " (the train and test rows above are the dataset's own split; each split's trace ids are in <code>splits/</code>)");
        }

        Row(html, "attack families", dataset.AttackTracesByFamily.Count == 0
            ? "none"
            : string.Join(", ", dataset.AttackTracesByFamily.Select(f => $"{Text.Escape(f.Key)} {f.Value}")));
        Row(html, "seeds", Text.Escape(string.Join(", ", config.Seeds.Select(s => s.ToString(CultureInfo.InvariantCulture)))));
        Row(html, "evaluation", Text.Escape(
            $"false-alarm rates {string.Join(", ", config.Evaluation.FalseAlarmRates.Select(r => Text.Percent(r)))}; "
            + $"detection target {Text.Percent(config.Evaluation.DetectionRate)}; "
            + $"bootstrap {config.Evaluation.BootstrapResamples} resamples, seed {config.Evaluation.BootstrapSeed}"));
        var dirty = environment.GitDirty switch { true => " (uncommitted changes)", false => "", null => "" };
        Row(html, "code", $"SyscallBench {Text.Escape(environment.ToolVersion)}, git <code>{Text.Escape(environment.GitCommit ?? "unknown")}</code>{dirty}");
        Row(html, "machine", Text.Escape($"{environment.Cpu}, {environment.ProcessorCount} logical cores; {environment.OperatingSystem}; {environment.Runtime}"));
        Row(html, "files", $"<code>{Text.Escape(runFolder)}</code>: "
            + string.Join(", ", RunFolder.CoreFileNames.Select(f => $"<code>{f}</code>"))
            + (result.Detectors.Any(d => d.ModelDirectory is not null) ? ", <code>models/</code>" : ""));
        html.Append("</table>\n");
        foreach (var note in dataset.Provenance.Notes)
        {
            html.Append("<p class=\"note\">").Append(Text.Escape(note)).Append("</p>\n");
        }

        html.Append("</header>\n");
        return html.ToString();
    }

    private static void Row(StringBuilder html, string name, string valueHtml) =>
        html.Append("<tr><th>").Append(Text.Escape(name)).Append("</th><td>").Append(valueHtml).Append("</td></tr>\n");
}
