using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;
using Spectre.Console.Cli;
using SyscallBench.Core;
using SyscallBench.Core.Config;
using SyscallBench.Core.DataExport;
using SyscallBench.Core.Running;
using SyscallBench.Core.Traces;
using SyscallBench.MLNet.Features;

namespace SyscallBench.Cli.Commands;

/// <summary>
/// `export EXPERIMENT OUT --format F`: an experiment's data for WEKA, scikit-learn and pandas: the n-gram
/// feature matrices of each `ocsvm` / `pca` detector exactly as it fits and scores them (train and test, with
/// labels, families and trace ids), and every trace as a sequence. Nothing is fitted but the featurizer.
/// </summary>
/// <remarks>
/// OUT gets, per dataset (a sub-folder when the experiment has several): features-DETECTOR-train.EXT and
/// -test.EXT, sequences.EXT (CSV for svmlight, which holds numbers only), features.json (per detector: its
/// type, options, feature count, slot names, files; the dataset's hash and the seed) and for svmlight the
/// trace ids in the rows' order (features-DETECTOR-SPLIT.ids.csv). Written into a temporary folder renamed
/// to OUT at the end, so a failed export leaves nothing behind.
/// </remarks>
public sealed class ExportCommand : Command<ExportSettings>
{
    /// <summary>The features used when the experiment has no ocsvm or pca detector: their defaults.</summary>
    private static readonly NGramFeatureSettings DefaultFeatures = new(3, NGramWeighting.Tf);

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public override int Execute(CommandContext context, ExportSettings settings, CancellationToken cancellationToken)
    {
        var format = DataFormats.Parse(settings.Format);
        var config = DetectorCatalog.ConfigReader().ReadFile(settings.Experiment, requireDetectors: false);
        var featureSets = FeatureSets(config, settings.Detector);
        var output = Path.GetFullPath(settings.Output);
        if (File.Exists(output) || (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any()))
        {
            throw new SyscallBenchException($"{settings.Output}: already exists and is not an empty folder; give a new folder for the export.");
        }

        var seed = config.Seeds[0];
        var staging = Path.Combine(Path.GetDirectoryName(output)!, $".{Path.GetFileName(output)}.{Guid.NewGuid():N}.partial");
        try
        {
            foreach (var spec in config.Datasets)
            {
                var dataset = config.LoadDataset(spec);
                var folder = config.Datasets.Count > 1 ? Path.Combine(staging, spec.Name) : staging;
                Directory.CreateDirectory(folder);
                var described = new List<object>();
                foreach (var (name, type, options, features) in featureSets)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var (train, test) = FeatureMatrices.Build(dataset, features, seed, $"{config.Name}-{spec.Name}-{name}", cancellationToken);
                    var files = new List<string>();
                    foreach (var table in new[] { train, test })
                    {
                        var split = table.Rows.Count > 0 ? table.Rows[0].Trace.Split : table == train ? "train" : "test";
                        var file = $"features-{name}-{split}.{format.Extension}";
                        AtomicFile.Write(Path.Combine(folder, file), stream => format.WriteFeatures(stream, table));
                        files.Add(file);
                        if (!format.CanHoldSequences)
                        {
                            var ids = $"features-{name}-{split}.ids.csv";
                            AtomicFile.WriteText(Path.Combine(folder, ids), IdsCsv(table));
                            files.Add(ids);
                        }
                    }

                    described.Add(new
                    {
                        Detector = name,
                        Type = type,
                        Options = options,
                        NgramLength = features.MaxLength,
                        features.Weighting,
                        UnseenNgrams = features.Unseen,
                        FeatureCount = train.SlotNames.Count,
                        TrainRows = train.Rows.Count,
                        TestRows = test.Rows.Count,
                        Files = files,
                        SlotNames = train.SlotNames,
                    });
                    AnsiConsole.MarkupLine($"{Markup.Escape(spec.Name)}: features of [bold]{Markup.Escape(name)}[/]: {train.Rows.Count} train and {test.Rows.Count} test rows x {train.SlotNames.Count} features");
                }

                var sequenceFormat = format.CanHoldSequences ? format : DataFormats.Csv;
                var sequencesFile = $"sequences.{sequenceFormat.Extension}";
                AtomicFile.Write(Path.Combine(folder, sequencesFile), stream => sequenceFormat.WriteSequences(stream, Sequences(dataset, $"{config.Name}-{spec.Name}")));
                AtomicFile.WriteText(Path.Combine(folder, "features.json"), JsonSerializer.Serialize(new
                {
                    Experiment = config.Name,
                    Dataset = spec.Name,
                    DatasetHash = dataset.Provenance.ContentHash,
                    dataset.Provenance.Architecture,
                    Seed = seed,
                    Format = format.Name,
                    Sequences = sequencesFile,
                    FeatureSets = described,
                }, Json));
                AnsiConsole.MarkupLine($"{Markup.Escape(spec.Name)}: {dataset.Train.Count + dataset.Test.Count} traces as sequences in {sequencesFile}");
            }

            if (Directory.Exists(output))
            {
                Directory.Delete(output);
            }

            Directory.Move(staging, output);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }

        AnsiConsole.MarkupLine($"export: {Markup.Escape(Path.GetRelativePath(Directory.GetCurrentDirectory(), output))}");
        return CliApp.ExitOk;
    }

    /// <summary>Each ocsvm / pca detector's feature settings (or the default set when there is none), by detector name.</summary>
    private static IReadOnlyList<(string Name, string Type, object? Options, NGramFeatureSettings Features)> FeatureSets(ExperimentConfig config, string? only)
    {
        var sets = config.Detectors.Where(d => d.Options is NGramFeatureOptions)
            .Select(d => (d.Name, d.Type, (object?)d.Options, ((NGramFeatureOptions)d.Options).FeatureSettings)).ToList();
        if (only is not null)
        {
            sets = sets.Where(s => s.Name == only).ToList();
            if (sets.Count == 0)
            {
                throw new SyscallBenchException($"--detector {only}: {config.SourceFile} has no ocsvm or pca detector of that name" +
                    (config.Detectors.Count == 0 ? "." : $" (its detectors: {string.Join(", ", config.Detectors.Select(d => d.Name))})."));
            }
        }

        return sets.Count > 0 ? sets : [("ngram-features", "default", null, DefaultFeatures)];
    }

    private static SequenceTable Sequences(LabeledDataset dataset, string relation)
    {
        var names = dataset.Provenance.Architecture is { } architecture ? SyscallNames.ForArchitecture(architecture) : null;
        var rows = dataset.Train.Select(t => (t, "train")).Concat(dataset.Test.Select(t => (t, "test")))
            .Select(p => new SequenceRow(ExportedTrace.Of(p.t, p.Item2), p.t.Calls, names is null ? null : p.t.Calls.Select(names.NameOf).ToArray()))
            .ToArray();
        var families = rows.Select(r => r.Trace.Family).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return new SequenceTable(relation, rows, families);
    }

    private static string IdsCsv(FeatureTable table) =>
        "trace_id,split,label,family\n" + string.Concat(table.Rows.Select(r =>
            $"{CsvFormat.Field(r.Trace.Id)},{r.Trace.Split},{r.Trace.LabelName},{CsvFormat.Field(r.Trace.Family ?? "")}\n"));
}
