using System.Globalization;

namespace SyscallBench.Core.Traces;

/// <summary>
/// A syscall number-to-name table for one architecture, so reports can say "read" instead of "3".
/// </summary>
/// <remarks>
/// Tables are embedded resources (one "number TAB name" line each) rather than C# literals, so they can
/// be regenerated from the kernel header and diffed line by line.
/// </remarks>
public sealed class SyscallNames
{
    /// <summary>Ids given to names a table does not know start here, far above every real syscall number.</summary>
    public const int FirstUnknownNameId = 100_000;

    private readonly Dictionary<int, string> _nameByNumber;
    private readonly Dictionary<string, int> _numberByName;

    private SyscallNames(string architecture, Dictionary<int, string> nameByNumber)
    {
        Architecture = architecture;
        _nameByNumber = nameByNumber;
        _numberByName = nameByNumber.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);
    }

    /// <summary>32-bit x86 Linux (i386) numbering, the numbering of ADFA-LD traces.</summary>
    public static SyscallNames X86_32 { get; } = FromResource("x86-32", "SyscallBench.Core.Traces.SyscallNames.x86.tsv");

    /// <summary>64-bit x86 Linux (amd64) numbering, the numbering of strace recordings on today's PCs and servers.</summary>
    public static SyscallNames X86_64 { get; } = FromResource("x86-64", "SyscallBench.Core.Traces.SyscallNames.x86_64.tsv");

    /// <summary>The tables by architecture name ("x86-32", "x86-64"), for options that let users choose.</summary>
    public static IReadOnlyList<SyscallNames> All { get; } = [X86_32, X86_64];

    public string Architecture { get; }

    /// <summary>Number of named syscalls in the table.</summary>
    public int Count => _nameByNumber.Count;

    /// <summary>The syscall's name, or "sys_&lt;n&gt;" for a number the table does not know.</summary>
    public string NameOf(int number) =>
        _nameByNumber.TryGetValue(number, out var name) ? name : "sys_" + number.ToString(CultureInfo.InvariantCulture);

    public bool Contains(int number) => _nameByNumber.ContainsKey(number);

    /// <summary>The number of a syscall name in this table (exact, case-sensitive: kernel names are lower case).</summary>
    public bool TryGetNumber(string name, out int number) => _numberByName.TryGetValue(name, out number);

    /// <summary>
    /// The syscall's number in this table, or for a name the table does not know (a newer kernel's call,
    /// strace's "syscall_0x1c2", another architecture's name) <see cref="UnknownNameId"/>.
    /// </summary>
    public int IdOf(string name) => TryGetNumber(name, out var number) ? number : UnknownNameId(name);

    /// <summary>
    /// A stable id for a syscall name no table knows: <see cref="FirstUnknownNameId"/> plus the 32-bit FNV-1a
    /// hash of the name's UTF-8 bytes modulo 2^30, so the same name gets the same id in every file, run and
    /// machine (string.GetHashCode is randomized per process, so it cannot be used).
    /// </summary>
    /// <remarks>
    /// Two different unknown names collide with probability 2^-30 per pair: the chance of any collision among 100 distinct unknown
    /// names in one dataset is about 5e-6. A collision merges the two names into one id (the detectors would see them as one
    /// call); it never crashes. Ids stay below int.MaxValue and never clash with real numbers (all below 1,000).
    /// </remarks>
    public static int UnknownNameId(string name)
    {
        const uint offsetBasis = 2166136261;
        const uint prime = 16777619;
        var hash = offsetBasis;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(name))
        {
            hash = unchecked((hash ^ b) * prime);
        }

        return FirstUnknownNameId + (int)(hash & ((1u << 30) - 1));
    }

    /// <summary>The table of an architecture name ("x86-32", "x86-64"), or null.</summary>
    public static SyscallNames? ForArchitecture(string architecture) =>
        All.FirstOrDefault(table => string.Equals(table.Architecture, architecture, StringComparison.OrdinalIgnoreCase));

    /// <summary>Every (number, name) pair in ascending number order.</summary>
    public IEnumerable<KeyValuePair<int, string>> Entries => _nameByNumber.OrderBy(pair => pair.Key);

    /// <summary>Parses "number TAB name" lines; '#' starts a comment line.</summary>
    internal static SyscallNames Parse(string architecture, TextReader reader, string sourceName)
    {
        var table = new Dictionary<int, string>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length != 2
                || !int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                || fields[1].Length == 0)
            {
                throw new InvalidDataException($"{sourceName}:{lineNumber}: expected 'number<TAB>name', got '{line}'.");
            }

            if (!table.TryAdd(number, fields[1]))
            {
                throw new InvalidDataException($"{sourceName}:{lineNumber}: syscall number {number} is listed twice.");
            }
        }

        return new SyscallNames(architecture, table);
    }

    private static SyscallNames FromResource(string architecture, string resourceName)
    {
        using var stream = typeof(SyscallNames).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded resource {resourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return Parse(architecture, reader, resourceName);
    }
}
