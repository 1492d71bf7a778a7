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
    public static Func<int, string> ForDatasetType(string datasetType, string? architecture = null)
    {
        // Names only where the numbering is known: ADFA-LD was recorded on 32-bit x86 Linux (also said by runs
        // written before datasets carried their architecture), trace folders say theirs. Synthetic data stays
        // numeric rather than risk wrong names.
        architecture ??= datasetType == "adfa-ld" ? SyscallNames.X86_32.Architecture : null;
        if (architecture is not null && SyscallNames.ForArchitecture(architecture) is { } table)
        {
            return number => $"{table.NameOf(number)} ({number})";
        }

        return Number;
    }

    /// <summary>True when <see cref="ForDatasetType"/> gives names, so captions can say which they show.</summary>
    public static bool ShowsNames(string datasetType, string? architecture = null) =>
        ForDatasetType(datasetType, architecture)(0) != Number(0);

    private static string Number(int number) => number.ToString(CultureInfo.InvariantCulture);
}
