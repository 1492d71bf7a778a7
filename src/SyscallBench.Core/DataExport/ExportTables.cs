using SyscallBench.Core.Traces;

namespace SyscallBench.Core.DataExport;

/// <summary>One trace's identity in an exported file: which split, its id, label and family.</summary>
public sealed record ExportedTrace(string Split, string Id, TraceLabel Label, string? Family)
{
    public static ExportedTrace Of(Trace trace, string split) => new(split, trace.Id, trace.Label, trace.Family);

    /// <summary>"normal" or "attack", as every exported file spells the label.</summary>
    public string LabelName => Label == TraceLabel.Attack ? "attack" : "normal";
}

/// <summary>A trace's feature vector, sparse: ascending slot indices and their non-zero values.</summary>
public sealed record FeatureRow(ExportedTrace Trace, int[] Indices, double[] Values);

/// <summary>
/// One split's feature matrix as a detector sees it: one row per sequence, <see cref="SlotNames"/> naming
/// every column. <see cref="Families"/> is every family of the experiment's dataset (train and test), so the
/// train and test files of a format declare the same nominal values (WEKA needs identical headers).
/// </summary>
public sealed record FeatureTable(string Relation, IReadOnlyList<string> SlotNames, IReadOnlyList<FeatureRow> Rows, IReadOnlyList<string> Families);

/// <summary>A trace as a sequence: its calls as syscall numbers, and their names when the numbering is known.</summary>
public sealed record SequenceRow(ExportedTrace Trace, int[] Calls, string[]? Names);

/// <summary>Every trace of a dataset as sequences (train, then test).</summary>
public sealed record SequenceTable(string Relation, IReadOnlyList<SequenceRow> Rows, IReadOnlyList<string> Families);

/// <summary>
/// A file format of `export`. Formats are plug-ins listed in <see cref="DataFormats.All"/>; a format that cannot
/// hold sequences (svmlight has only numbers) leaves the sequences to <see cref="DataFormats.Csv"/>.
/// </summary>
public interface IDataFormat
{
    /// <summary>The name `--format` takes.</summary>
    string Name { get; }

    /// <summary>The file extension, without the dot.</summary>
    string Extension { get; }

    bool CanHoldSequences { get; }

    void WriteFeatures(Stream stream, FeatureTable table);

    void WriteSequences(Stream stream, SequenceTable table);
}
