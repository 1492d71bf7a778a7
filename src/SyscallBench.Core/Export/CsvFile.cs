using System.Globalization;
using Microsoft.Data.Analysis;
using SyscallBench.Core.Running;

namespace SyscallBench.Core.Export;

/// <summary>Saves a DataFrame as culture-invariant CSV, atomically.</summary>
public static class CsvFile
{
    public static void Save(DataFrame frame, string path) =>
        AtomicFile.Write(path, stream =>
        {
            // SaveCsv may close the stream it is given; buffer so AtomicFile keeps control of the file.
            using var buffer = new MemoryStream();
            DataFrame.SaveCsv(frame, buffer, cultureInfo: CultureInfo.InvariantCulture);
            stream.Write(buffer.ToArray());
        });
}
