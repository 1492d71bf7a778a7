using System.Globalization;
using SyscallBench.Core.Traces;

namespace SyscallBench.Reports;

/// <summary>
/// How the report writes a syscall: by name where the dataset's numbering is known, otherwise by number.
/// The one place the report decides this.
/// </summary>
public static class SyscallLabels
{
    /// <summary>The labeler for a dataset of a type ("adfa-ld", "synthetic", ...) and syscall numbering.</summary>
    /// <param name="datasetType">The dataset type, for runs whose manifest does not say the numbering.</param>
    /// <param name="architecture">The dataset's numbering (<see cref="DatasetProvenance.Architecture"/>), if known.</param>
    public static Func<int, string> ForDatasetType(string datasetType, string? architecture = null) =>
        Table(datasetType, architecture) is { } table ? number => $"{table.NameOf(number)} ({number})" : Number;

    /// <summary>Like <see cref="ForDatasetType"/>, but names alone ("execve"), for labels inside charts; numbers where the numbering is unknown.</summary>
    public static Func<int, string> NamesForDatasetType(string datasetType, string? architecture = null) =>
        Table(datasetType, architecture) is { } table ? table.NameOf : Number;

    /// <summary>
    /// The numbering's table, only where it is known: ADFA-LD was recorded on 32-bit x86 Linux (also said by runs written
    /// before datasets carried their architecture), trace folders and LID-DS say theirs. Synthetic data stays numeric rather
    /// than risk wrong names.
    /// </summary>
    private static SyscallNames? Table(string datasetType, string? architecture)
    {
        architecture ??= datasetType == "adfa-ld" ? SyscallNames.X86_32.Architecture : null;
        return architecture is null ? null : SyscallNames.ForArchitecture(architecture);
    }

    /// <summary>True when <see cref="ForDatasetType"/> gives names, so captions can say which they show.</summary>
    public static bool ShowsNames(string datasetType, string? architecture = null) =>
        ForDatasetType(datasetType, architecture)(0) != Number(0);

    private static string Number(int number) => number.ToString(CultureInfo.InvariantCulture);
}
