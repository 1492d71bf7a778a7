namespace SyscallBench.Core.Detection.Knn;

/// <summary>
/// The training traces of a saved knn model: a magic word, the trace count, then per trace its length
/// and its syscall numbers, all little-endian int32. Reading checks every count against what is left of
/// the file, so a cut or altered file is refused by name instead of allocating or reading past its end.
/// </summary>
internal static class TraceCallsFile
{
    private const int Magic = 0x314E4E4B; // "KNN1"

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

    /// <exception cref="SyscallBenchException">Missing, cut, or not written by <see cref="Write"/>.</exception>
    public static int[][] Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new SyscallBenchException($"{path}: the saved knn model's training traces are missing.");
        }

        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        long Remaining() => (stream.Length - stream.Position) / sizeof(int);
        if (Remaining() < 2 || reader.ReadInt32() != Magic)
        {
            throw new SyscallBenchException($"{path}: not a knn training-traces file.");
        }

        var count = reader.ReadInt32();
        if (count < 1 || count > Remaining())
        {
            throw new SyscallBenchException($"{path}: says {count} training traces, which the file cannot hold.");
        }

        var traces = new int[count][];
        for (var t = 0; t < count; t++)
        {
            var length = Remaining() >= 1 ? reader.ReadInt32() : -1;
            if (length < 0 || length > Remaining())
            {
                throw new SyscallBenchException($"{path}: training trace {t} of {count} is cut short or has a bad length.");
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
            throw new SyscallBenchException($"{path}: {stream.Length - stream.Position} bytes after the last training trace.");
        }

        return traces;
    }
}
