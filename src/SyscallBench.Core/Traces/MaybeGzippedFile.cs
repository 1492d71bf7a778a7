namespace SyscallBench.Core.Traces;

/// <summary>
/// Opens trace files that may be gzip-compressed, recognised by gzip's magic bytes rather than the name. Every
/// reader of trace files goes through here, so a damaged or cut-off gzip file fails the same way everywhere:
/// a <see cref="SyscallBenchException"/> naming the file (see <see cref="CheckedGzipStream"/>).
/// </summary>
public static class MaybeGzippedFile
{
    /// <summary>A stream of the file's content, decompressed when the file starts with gzip's magic bytes 1f 8b.</summary>
    /// <exception cref="SyscallBenchException">When opened or read: the gzip file is damaged or cut short.</exception>
    public static Stream OpenRead(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        try
        {
            Span<byte> magic = stackalloc byte[2];
            var read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
            file.Position = 0;
            return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b ? new CheckedGzipStream(file, path) : file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Largest trace file of numbers or names (decompressed), 1 GiB: its calls are one array of up to half as many
    /// ints, and .NET arrays stop at 2 GiB (a bigger file gave an OverflowException). Record longer runs as several
    /// files, or use strace files, which are streamed line by line.
    /// </summary>
    public const long MaxWholeFileBytes = 1L << 30;

    /// <summary>Refuses content of <paramref name="bytes"/> bytes when over <see cref="MaxWholeFileBytes"/>, naming <paramref name="file"/>.</summary>
    public static void ThrowIfTooLarge(long bytes, string file)
    {
        if (bytes > MaxWholeFileBytes)
        {
            throw new SyscallBenchException($"{file}: more than {MaxWholeFileBytes:N0} bytes (1 GiB), the most a trace file of numbers or names "
                + "may hold; split the recording into several files.");
        }
    }

    /// <summary>The file name without a ".gz" ending ("trace.1234.gz" -> "trace.1234").</summary>
    public static string NameWithoutGz(string path)
    {
        var name = Path.GetFileName(path);
        return name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? name[..^3] : name;
    }
}
