using System.Globalization;

namespace SyscallBench.Core.Recording.Sc;

/// <summary>Linux errno names by number ("ENOENT" for 2), for the "res=-2(ENOENT)" of failed calls in .sc lines.</summary>
/// <remarks>
/// An embedded table generated from the kernel's headers (see its first lines) rather than C# literals, like
/// the syscall tables: .NET names errno values nowhere, and the table can be diffed against the header.
/// </remarks>
public static class ErrnoNames
{
    private static readonly string?[] ByNumber = Load();

    /// <summary>The name of errno <paramref name="number"/>, or null where the table has none (kernel-internal values such as 512, ERESTARTSYS).</summary>
    public static string? Of(long number) => number > 0 && number < ByNumber.Length ? ByNumber[number] : null;

    private static string?[] Load()
    {
        const string resource = "SyscallBench.Core.Recording.Sc.ErrnoNames.x86_64.tsv";
        using var stream = typeof(ErrnoNames).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} is missing from the build.");
        using var reader = new StreamReader(stream);
        var names = new string?[200];
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length != 2 || !int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                || number <= 0 || number >= names.Length || names[number] is not null)
            {
                throw new InvalidDataException($"{resource}:{lineNumber}: expected a new 'number<TAB>name' below {names.Length}, got '{line}'.");
            }

            names[number] = fields[1];
        }

        return names;
    }
}
