using System.Globalization;
using SyscallBench.Core.Traces;

namespace SyscallBench.Reports;

/// <summary>
/// How the report writes a syscall: by name where the dataset's numbering is known, otherwise by number.
/// The one place the report decides this.
/// </summary>
public static class SyscallLabels
{
    /// <summary>The labeler for a dataset type ("adfa-ld", "synthetic", ...).</summary>
    public static Func<int, string> ForDatasetType(string datasetType)
    {
        // ADFA-LD was recorded on 32-bit x86 Linux, so its numbers have known names. Other datasets
        // (synthetic, trace folders of unknown origin) stay numeric rather than risk wrong names.
        if (datasetType == "adfa-ld")
        {
            return number => $"{SyscallNames.X86_32.NameOf(number)} ({number})";
        }

        return Number;
    }

    /// <summary>True when <see cref="ForDatasetType"/> gives names, so captions can say which they show.</summary>
    public static bool ShowsNames(string datasetType) => ForDatasetType(datasetType)(0) != Number(0);

    private static string Number(int number) => number.ToString(CultureInfo.InvariantCulture);
}
