namespace SyscallBench.Core.Traces;

/// <summary>
/// The calls of a list of traces in one binary file (a saved knn model's training traces, a fit worker's
/// training set): a magic word, the trace count, then per trace its length and its syscall numbers, all
/// little-endian int32. Reading checks every count against what is left of the file, so a cut or altered
/// file is refused by name instead of allocating or reading past its end.
/// </summary>
public static class TraceCallsFile
{
    private const int Magic = 0x314E4E4B; // "KNN1": the knn model came first, and its saved models must stay readable.

    public static void Write(string path, IReadOnlyList<int[]> traces)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(Magic);
        writer.Write(traces.Count);
        foreach (var calls in traces)
        {
            writer.Write(calls.Length);
            foreach (var call in calls)
            {
                writer.Write(call);
            }
        }
    }

    /// <param name="path">The file.</param>
    /// <param name="what">What the file holds, for messages: "the saved knn model's training traces".</param>
    /// <exception cref="SyscallBenchException">Missing, cut, or not written by <see cref="Write"/>.</exception>
    public static int[][] Read(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw new SyscallBenchException($"{path}: {what} are missing.");
        }

        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        long Remaining() => (stream.Length - stream.Position) / sizeof(int);
        if (Remaining() < 2 || reader.ReadInt32() != Magic)
        {
            throw new SyscallBenchException($"{path}: not a file of trace calls ({what}).");
        }

        var count = reader.ReadInt32();
        if (count < 1 || count > Remaining())
        {
            throw new SyscallBenchException($"{path}: says {count} traces ({what}), which the file cannot hold.");
        }

        var traces = new int[count][];
        for (var t = 0; t < count; t++)
        {
            var length = Remaining() >= 1 ? reader.ReadInt32() : -1;
            if (length < 0 || length > Remaining())
            {
                throw new SyscallBenchException($"{path}: trace {t} of {count} ({what}) is cut short or has a bad length.");
            }

            var calls = new int[length];
            for (var i = 0; i < length; i++)
            {
                calls[i] = reader.ReadInt32();
            }

            traces[t] = calls;
        }

        if (stream.Position != stream.Length)
        {
            throw new SyscallBenchException($"{path}: {stream.Length - stream.Position} bytes after the last trace ({what}).");
        }

        return traces;
    }
}
