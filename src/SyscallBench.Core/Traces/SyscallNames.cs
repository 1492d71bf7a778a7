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
    private readonly Dictionary<int, string> _nameByNumber;

    private SyscallNames(string architecture, Dictionary<int, string> nameByNumber)
    {
        Architecture = architecture;
        _nameByNumber = nameByNumber;
    }

    /// <summary>32-bit x86 Linux (i386) numbering, the numbering of ADFA-LD traces.</summary>
    public static SyscallNames X86_32 { get; } = FromResource("x86-32", "SyscallBench.Core.Traces.SyscallNames.x86.tsv");

    public string Architecture { get; }

    /// <summary>Number of named syscalls in the table.</summary>
    public int Count => _nameByNumber.Count;

    /// <summary>The syscall's name, or "sys_&lt;n&gt;" for a number the table does not know.</summary>
    public string NameOf(int number) =>
        _nameByNumber.TryGetValue(number, out var name) ? name : "sys_" + number.ToString(CultureInfo.InvariantCulture);

    public bool Contains(int number) => _nameByNumber.ContainsKey(number);

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
