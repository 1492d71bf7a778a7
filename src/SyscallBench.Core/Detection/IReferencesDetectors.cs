namespace SyscallBench.Core.Detection;

/// <summary>
/// Options of a detector built on other detectors of the same experiment (an ensemble). The config reader
/// checks that every name refers to a detector listed earlier; the runner fits those first and hands them
/// over through <see cref="FitContext.FittedDetectors"/>, and keys cached models on their options too.
/// </summary>
public interface IReferencesDetectors
{
    IReadOnlyList<string> ReferencedDetectors { get; }
}
