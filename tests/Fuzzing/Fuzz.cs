using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace SyscallBench.Tests.Fuzzing;

/// <summary>
/// Shared by the fuzz tests of every test project (linked into each): FsCheck properties that random and
/// mutated input to a parser of outside input ends in success or a located <c>SyscallBenchException</c>,
/// never another exception. A few thousand cases in the normal test run; SYSCALLBENCH_FUZZ_CASES=N runs N
/// per property (the opt-in job uses 100000).
/// </summary>
internal static class Fuzz
{
    /// <summary>The environment variable that sets the cases per property.</summary>
    public const string CasesVariable = "SYSCALLBENCH_FUZZ_CASES";

    /// <summary><paramref name="normal"/>, or the opt-in count from <see cref="CasesVariable"/>.</summary>
    public static int Cases(int normal) =>
        int.TryParse(Environment.GetEnvironmentVariable(CasesVariable), out var n) && n > 0 ? n : normal;

    /// <summary>Runs <paramref name="body"/> on generated inputs; any exception it lets out fails with the shrunk input.</summary>
    public static void Check<T>(Gen<T> inputs, Action<T> body, int normalCases) =>
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases(normalCases)),
            Prop.ForAll(inputs.ToArbitrary(), (T input) =>
            {
                body(input);
                return true;
            }));

    /// <summary>Bytes that parsers find interesting: separators, quotes, brackets, YAML and CSV syntax, digits, high bytes.</summary>
    private static readonly byte[] Interesting = Encoding.ASCII.GetBytes("\n\r\t ,\"'[]{}():#&*!|>-=.0123456789eE+\\/<?%@`~;")
        .Concat(new byte[] { 0, 0x7f, 0x80, 0xc3, 0xbf, 0xef, 0xbb, 0xff }).ToArray();

    /// <summary>
    /// Mutations of <paramref name="seeds"/> (valid inputs): bytes flipped, replaced with interesting ones,
    /// deleted, duplicated, spans repeated, cut short; plus wholly random bytes.
    /// </summary>
    public static Gen<byte[]> Mutations(params byte[][] seeds)
    {
        var random = Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b));
        var mutated =
            from seed in Gen.Elements(seeds)
            from edits in Gen.Choose(1, 8)
            from rolls in Gen.ArrayOf(Gen.Choose(0, int.MaxValue), edits * 3)
            select Mutate(seed, rolls);
        return Gen.Frequency((1, random), (6, mutated));
    }

    /// <summary>Text versions of <see cref="Mutations(byte[][])"/> (invalid UTF-8 becomes U+FFFD).</summary>
    public static Gen<string> TextMutations(params string[] seeds) =>
        Mutations(seeds.Select(Encoding.UTF8.GetBytes).ToArray()).Select(Encoding.UTF8.GetString);

    private static byte[] Mutate(byte[] seed, int[] rolls)
    {
        var bytes = new List<byte>(seed);
        for (var i = 0; i + 2 < rolls.Length; i += 3)
        {
            var at = bytes.Count == 0 ? 0 : rolls[i + 1] % bytes.Count;
            switch (rolls[i] % 7)
            {
                case 0 when bytes.Count > 0:
                    bytes[at] ^= (byte)(1 << (rolls[i + 2] % 8));
                    break;
                case 1 when bytes.Count > 0:
                    bytes[at] = Interesting[rolls[i + 2] % Interesting.Length];
                    break;
                case 2:
                    bytes.Insert(at, Interesting[rolls[i + 2] % Interesting.Length]);
                    break;
                case 3 when bytes.Count > 0:
                    bytes.RemoveRange(at, Math.Min(1 + (rolls[i + 2] % 16), bytes.Count - at));
                    break;
                case 4 when bytes.Count > 0:
                    var length = Math.Min(1 + (rolls[i + 2] % 64), bytes.Count - at);
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
                case 5:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    if (bytes.Count > 0)
                    {
                        (bytes[at], bytes[rolls[i + 2] % bytes.Count]) = (bytes[rolls[i + 2] % bytes.Count], bytes[at]);
                    }

                    break;
            }
        }

        return bytes.ToArray();
    }
}
