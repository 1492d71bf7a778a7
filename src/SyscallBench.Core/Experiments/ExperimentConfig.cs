using SyscallBench.Core.Datasets;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Options;

namespace SyscallBench.Core.Experiments;

/// <summary>
/// A validated experiment: immutable, every option resolved to a value (defaults filled in).
/// Built only by <see cref="ExperimentConfigReader"/>, which reports every problem of a file at once.
/// </summary>
public sealed record ExperimentConfig(
    string Name,
    string? Description,
    string SourceFile,
    DatasetSpec Dataset,
    IReadOnlyList<DetectorSpec> Detectors,
    EvaluationOptions Evaluation,
    IReadOnlyList<int> Seeds,
    string OutputDirectory,
    bool SaveModels);

/// <summary>The dataset of an experiment: a registered type and its bound options.</summary>
public sealed record DatasetSpec(DatasetDescriptor Descriptor, IOptions Options)
{
    public string Type => Descriptor.Type;
}

/// <summary>One detector of an experiment: a unique name, a registered type and its bound options.</summary>
public sealed record DetectorSpec(string Name, DetectorDescriptor Descriptor, IOptions Options)
{
    public string Type => Descriptor.Type;

    public IDetector Create() => Descriptor.Create(Name, Options);
}
