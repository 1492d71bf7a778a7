using System.Globalization;
using SyscallBench.Core.Config;
using SyscallBench.Core.Splits;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Streaming;

/// <summary>
/// `score --dataset EXPERIMENT.yaml [--split S] [--label L]`: the traces of an experiment's dataset to score, picked by
/// split and label. The dataset is read exactly as a run reads it (the experiment's dataset block, its loader, its
/// checks and messages, and the validation recordings a run holds out), so the traces are the ones a run scored.
/// </summary>
/// <param name="Experiment">The experiment file whose dataset block is read (it needs no detectors).</param>
/// <param name="Split">train, validation or test; null: every split.</param>
/// <param name="Label">normal or attack; null: both.</param>
public sealed record DatasetSelection(string Experiment, string? Split, string? Label)
{
    /// <summary>The sides every dataset is read into (<see cref="LabeledDataset"/>); validation is empty for most datasets.</summary>
    public static readonly IReadOnlyList<string> Splits = ["train", "validation", "test"];

    public static readonly IReadOnlyList<string> Labels = ["normal", "attack"];

    /// <summary>What is wrong with the split and label as given (names the option), before anything is read.</summary>
    public IEnumerable<string> Validate()
    {
        if (Split is { } split && !Splits.Contains(split))
        {
            yield return $"--split must be one of {string.Join(", ", Splits)}, got '{split}'";
        }

        if (Label is { } label && !Labels.Contains(label))
        {
            yield return $"--label must be normal or attack, got '{label}'";
        }
    }

    /// <summary>Reads the experiment's dataset and picks the traces.</summary>
    /// <exception cref="SyscallBenchException">A bad experiment or dataset (the run's messages), an experiment with several datasets, a split
    /// the dataset lacks, or a selection with no traces (the message names the option).</exception>
    public SelectedTraces Load(ExperimentConfigReader configReader, IProgress<string>? status = null)
    {
        if (Validate().FirstOrDefault() is { } problem)
        {
            throw new SyscallBenchException(problem + ".");
        }

        var config = configReader.ReadFile(Experiment, requireDetectors: false);
        if (config.Datasets.Count != 1)
        {
            throw new SyscallBenchException($"--dataset {Experiment}: the experiment has {config.Datasets.Count} datasets "
                + $"({string.Join(", ", config.Datasets.Select(d => d.Name))}); score picks traces from one: give an experiment with that dataset alone.");
        }

        // As ExperimentRunner reads it: the same loader, then the validation recordings a run holds out.
        var dataset = ValidationHoldout.Ensure(config.LoadDataset(config.Dataset, status));
        var sides = new (string Name, IReadOnlyList<Trace> Traces)[] { ("train", dataset.Train), ("validation", dataset.Validation), ("test", dataset.Test) };
        var has = string.Join(", ", sides.Where(s => s.Traces.Count > 0).Select(s => $"{s.Name} ({Count(s.Traces.Count)} traces)"));
        var described = $"dataset '{config.Dataset.Name}' ({dataset.Provenance.Type} at {dataset.Provenance.Location}) of {Experiment}";
        if (Split is { } split && sides.Single(s => s.Name == split).Traces.Count == 0)
        {
            throw new SyscallBenchException($"--split {split}: {described} has no {split} traces; its splits: {has}.");
        }

        var traces = sides.Where(s => Split is null || s.Name == Split).SelectMany(s => s.Traces)
            .Where(t => Label is null || t.IsAttack == (Label == "attack"))
            .ToArray();
        string What(int count) => $"{(Label is null ? "" : Label + " ")}{(count == 1 ? "trace" : "traces")}{(Split is null ? "" : $" of the {Split} split")}";
        return traces.Length > 0
            ? new SelectedTraces(traces, dataset, $"the {Count(traces.Length)} {What(traces.Length)} of {described}")
            : throw new SyscallBenchException($"--label {Label}: {described} has no {What(0)}; its splits: {has}.");
    }

    private static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
}

/// <summary>The traces a <see cref="DatasetSelection"/> picked, the dataset they came from, and which they are, in words.</summary>
public sealed record SelectedTraces(IReadOnlyList<Trace> Traces, LabeledDataset Dataset, string Description);
