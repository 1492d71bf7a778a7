using System.ComponentModel;
using System.Globalization;
using SyscallBench.Core.Config;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Datasets;

/// <summary>Options of the `synthetic` dataset type.</summary>
public sealed class SyntheticOptions : IOptions
{
    public const string AllFamilies = "foreign_subsequence, unusual_mix, rare_run, mimicry";

    [Description("Random seed; the same seed and options give byte-identical traces.")]
    public int Seed { get; init; } = 42;

    [Description("Number of distinct programs (probabilistic automata) that produce the normal traces.")]
    public int Programs { get; init; } = 3;

    [Description("Normal traces to train on.")]
    public int TrainTraces { get; init; } = 300;

    [Description("Normal traces in the test split.")]
    public int TestNormalTraces { get; init; } = 300;

    [Description("Attack traces per family in the test split.")]
    public int AttackTracesPerFamily { get; init; } = 40;

    [Description("Shortest trace length in calls (start-up and exit alone are about 20-35 calls).")]
    public int MinTraceLength { get; init; } = 50;

    [Description("Mean trace length in calls (lengths are min + exponential).")]
    public double MeanTraceLength { get; init; } = 200;

    [Description("Attack families, comma-separated: " + AllFamilies + ".")]
    public string Families { get; init; } = AllFamilies;

    /// <summary>The families named in <see cref="Families"/>, in the order given.</summary>
    public IReadOnlyList<SyntheticAttackFamily> ParsedFamilies() =>
        Families.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(name => Enum.GetValues<SyntheticAttackFamily>().First(f => SnakeCase.From(f.ToString()) == name))
            .ToArray();

    public IEnumerable<OptionError> Validate()
    {
        if (Programs is < 1 or > 100)
        {
            yield return new OptionError(nameof(Programs), $"must be between 1 and 100, got {Programs}");
        }

        if (TrainTraces < 1)
        {
            yield return new OptionError(nameof(TrainTraces), $"must be at least 1, got {TrainTraces}");
        }

        if (TestNormalTraces < 1)
        {
            yield return new OptionError(nameof(TestNormalTraces), $"must be at least 1, got {TestNormalTraces}");
        }

        if (AttackTracesPerFamily < 1)
        {
            yield return new OptionError(nameof(AttackTracesPerFamily), $"must be at least 1, got {AttackTracesPerFamily}");
        }

        if (MinTraceLength is < 1 or > 1_000_000)
        {
            yield return new OptionError(nameof(MinTraceLength), $"must be between 1 and 1000000, got {MinTraceLength}");
        }

        if (!(MeanTraceLength >= MinTraceLength) || MeanTraceLength > 1_000_000)
        {
            yield return new OptionError(nameof(MeanTraceLength),
                $"must be at least min_trace_length ({MinTraceLength}) and at most 1000000, got {MeanTraceLength.ToString(CultureInfo.InvariantCulture)}");
        }

        var known = Enum.GetValues<SyntheticAttackFamily>().Select(f => SnakeCase.From(f.ToString())).ToArray();
        var given = Families.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var name in given.Where(n => !known.Contains(n)))
        {
            yield return new OptionError(nameof(Families), $"unknown family '{name}'; valid families: {AllFamilies}");
        }

        if (given.Length == 0)
        {
            yield return new OptionError(nameof(Families), $"must name at least one family of: {AllFamilies}");
        }
        else if (given.Distinct().Count() != given.Length)
        {
            yield return new OptionError(nameof(Families), "must not name a family twice");
        }
    }
}

/// <summary>
/// A deterministic synthetic dataset: normal traces from a few programs modelled as probabilistic automata
/// over 32-bit x86 Linux syscall numbers, and attack families that each break normality in a different way
/// (see <see cref="SyntheticAttackFamily"/>).
/// </summary>
/// <remarks>
/// Every part (programs, train, test normals, each family) draws from its own generator seeded from the
/// seed and the part's name, so changing one count never changes the other parts' traces. System.Random
/// with a seed is stable across .NET versions. Mimicry edits are chosen against the 3-grams of the
/// generated training set: the attacker is assumed to know the normal profile, as in mimicry attacks on
/// STIDE (Wagner &amp; Soto, CCS 2002).
/// </remarks>
public static class SyntheticDataset
{
    public const string TypeName = "synthetic";

    /// <summary>Calls programs may use (read, write, open, close, ioctl, socketcall, poll, futex, ...).</summary>
    internal static readonly int[] NormalPool =
        [3, 4, 5, 6, 7, 10, 13, 20, 38, 42, 45, 54, 63, 78, 85, 91, 102, 120, 122, 140, 142, 146, 162, 168, 174, 175,
         183, 192, 195, 196, 197, 199, 201, 220, 221, 240, 265];

    /// <summary>Calls no program ever makes: setuid32, setgid32, chmod, chown32, mkdir, link, kill, ptrace, setreuid32, fchmod.</summary>
    internal static readonly int[] ForeignPool = [213, 214, 15, 212, 39, 9, 37, 26, 203, 94];

    public static DatasetDescriptor Descriptor { get; } = DatasetDescriptor.Create<SyntheticOptions>(
        TypeName,
        "Deterministic synthetic traces from automaton programs, with foreign_subsequence, unusual_mix, rare_run and mimicry attacks",
        (options, _) => Generate(options));

    public static LabeledDataset Generate(SyntheticOptions options)
    {
        // The config binder validates before loading; this catches direct API calls with bad options.
        var errors = options.Validate().ToArray();
        if (errors.Length > 0)
        {
            throw new ArgumentException("Invalid synthetic options: " + string.Join("; ", errors.Select(e => $"{e.Property} {e.Message}")), nameof(options));
        }

        var programRandom = new Random(DeriveSeed(options.Seed, "programs"));
        var programs = Enumerable.Range(1, options.Programs)
            .Select(i => SyntheticProgram.Create("program" + i.ToString(CultureInfo.InvariantCulture), programRandom, NormalPool))
            .ToArray();
        var source = $"synthetic seed={options.Seed.ToString(CultureInfo.InvariantCulture)}";

        var train = NormalTraces(options, programs, "train", options.TrainTraces, source);
        var test = NormalTraces(options, programs, "test/normal", options.TestNormalTraces, source);
        var knownTrigrams = Trigrams(train);
        var knownCalls = train.SelectMany(t => t.Calls).Distinct().Order().ToArray();
        var notes = new List<string>
        {
            $"seed {options.Seed.ToString(CultureInfo.InvariantCulture)}, {programs.Length} programs, "
            + $"trace length min {options.MinTraceLength.ToString(CultureInfo.InvariantCulture)} mean {options.MeanTraceLength.ToString(CultureInfo.InvariantCulture)}",
            CountNote("train", train),
            CountNote("test normal", test),
        };

        foreach (var family in options.ParsedFamilies())
        {
            var name = SnakeCase.From(family.ToString());
            var random = new Random(DeriveSeed(options.Seed, "attack/" + name));
            var attacks = new List<Trace>(options.AttackTracesPerFamily);
            var imperfectEdits = 0;
            for (var i = 1; i <= options.AttackTracesPerFamily; i++)
            {
                var program = programs[random.Next(programs.Length)];
                var calls = family switch
                {
                    SyntheticAttackFamily.ForeignSubsequence => ForeignSubsequence(random, program, TargetLength(random, options)),
                    SyntheticAttackFamily.UnusualMix => UnusualMix(random, program, TargetLength(random, options)),
                    SyntheticAttackFamily.RareRun => RareRun(random, program, TargetLength(random, options)),
                    SyntheticAttackFamily.Mimicry => Mimicry(random, program, TargetLength(random, options), knownCalls, knownTrigrams, ref imperfectEdits),
                    _ => throw new InvalidOperationException($"Attack family {family} has no generator."),
                };
                attacks.Add(Trace.Attack($"test/attack/{name}/{Number(i)}", calls, name, $"{source} {program.Name} {name}"));
            }

            notes.Add(CountNote($"family {name}", attacks));
            if (imperfectEdits > 0)
            {
                notes.Add($"family {name}: {imperfectEdits.ToString(CultureInfo.InvariantCulture)} edits could not keep every 3-gram known");
            }

            test.AddRange(attacks);
        }

        test.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        var provenance = new DatasetProvenance(TypeName, "generated", DatasetHash.Compute(train, test), notes);
        return new LabeledDataset(TypeName, train, test, provenance);
    }

    private static List<Trace> NormalTraces(SyntheticOptions options, SyntheticProgram[] programs, string part, int count, string source)
    {
        var random = new Random(DeriveSeed(options.Seed, part));
        var traces = new List<Trace>(count);
        for (var i = 1; i <= count; i++)
        {
            var program = programs[random.Next(programs.Length)];
            var calls = program.Render(random, program.NormalPath(random, TargetLength(random, options)));
            traces.Add(Trace.Normal($"{part}/{Number(i)}", calls.ToArray(), $"{source} {program.Name}"));
        }

        return traces;
    }

    private static int[] ForeignSubsequence(Random random, SyntheticProgram program, int length)
    {
        var boundaries = new List<int>();
        var calls = program.Render(random, program.NormalPath(random, length), boundaries);
        var burst = Enumerable.Range(0, random.Next(4, 11)).Select(_ => ForeignPool[random.Next(ForeignPool.Length)]).ToArray();
        calls.InsertRange(boundaries[random.Next(boundaries.Count)], burst);
        return calls.ToArray();
    }

    private static int[] UnusualMix(Random random, SyntheticProgram program, int length)
    {
        var path = program.NormalPath(random, length);
        var segment = Math.Max(3, (int)(path.Count * 0.4));
        var start = random.Next(0, Math.Max(1, path.Count - segment + 1));
        for (var i = start; i < start + segment; i++)
        {
            var step = new RoutineStep(program.AnyRoutine(random));
            if (i < path.Count)
            {
                path[i] = step;
            }
            else
            {
                path.Add(step);
            }
        }

        return program.Render(random, path).ToArray();
    }

    private static int[] RareRun(Random random, SyntheticProgram program, int length)
    {
        // The long run goes where a short one may legally occur (right after the host routine), so only its
        // length is abnormal. Paths that never visit the host get the host inserted too.
        var path = program.NormalPath(random, length);
        var hosts = Enumerable.Range(0, path.Count).Where(i => path[i].Routine == program.RareHost).ToArray();
        var after = hosts.Length > 0 ? hosts[random.Next(hosts.Length)] + 1 : InsertHost(random, program, path);
        path.Insert(after, new RoutineStep(program.RareRoutine, random.Next(25, 61)));
        return program.Render(random, path).ToArray();
    }

    private static int InsertHost(Random random, SyntheticProgram program, List<RoutineStep> path)
    {
        var at = random.Next(path.Count + 1);
        path.Insert(at, new RoutineStep(program.RareHost));
        return at + 1;
    }

    private static int[] Mimicry(Random random, SyntheticProgram program, int length, int[] knownCalls, HashSet<long> knownTrigrams,
        ref int imperfectEdits)
    {
        var calls = program.Render(random, program.NormalPath(random, length)).ToArray();
        var substitutions = random.Next(2, 5);
        var first = program.Startup.Length;
        for (var made = 0; made < substitutions && calls.Length - first > 4; made++)
        {
            // The attacker tries every place (in random order) and every known call until every 3-gram around
            // the edit is a known one; if none exists it makes an imperfect edit (mimicry is not always possible).
            var edited = false;
            var positions = Enumerable.Range(first + 2, calls.Length - 4 - first).ToArray();
            random.Shuffle(positions);
            foreach (var position in positions)
            {
                var candidates = knownCalls.Where(c => c != calls[position]).ToArray();
                random.Shuffle(candidates);
                foreach (var replacement in candidates)
                {
                    if (KeepsTrigramsKnown(calls, position, replacement, knownTrigrams))
                    {
                        calls[position] = replacement;
                        edited = true;
                        break;
                    }
                }

                if (edited)
                {
                    break;
                }
            }

            if (!edited)
            {
                var position = random.Next(first + 2, calls.Length - 2);
                calls[position] = knownCalls.First(c => c != calls[position]);
                imperfectEdits++;
            }
        }

        return calls;
    }

    private static bool KeepsTrigramsKnown(int[] calls, int position, int replacement, HashSet<long> known)
    {
        int At(int i) => i == position ? replacement : calls[i];
        for (var start = position - 2; start <= position; start++)
        {
            if (!known.Contains(TrigramKey(At(start), At(start + 1), At(start + 2))))
            {
                return false;
            }
        }

        return true;
    }

    private static HashSet<long> Trigrams(IEnumerable<Trace> traces)
    {
        var set = new HashSet<long>();
        foreach (var trace in traces)
        {
            for (var i = 0; i + 2 < trace.Calls.Length; i++)
            {
                set.Add(TrigramKey(trace.Calls[i], trace.Calls[i + 1], trace.Calls[i + 2]));
            }
        }

        return set;
    }

    private static long TrigramKey(int a, int b, int c) => ((long)a << 40) | ((long)b << 20) | (uint)c;

    private static int TargetLength(Random random, SyntheticOptions options)
    {
        var extra = -Math.Log(1 - random.NextDouble()) * (options.MeanTraceLength - options.MinTraceLength);
        return options.MinTraceLength + (int)Math.Min(extra, 20 * options.MeanTraceLength);
    }

    /// <summary>A seed per part, stable across runs and platforms (string.GetHashCode is randomized per process).</summary>
    internal static int DeriveSeed(int seed, string part)
    {
        var hash = 2166136261u;
        foreach (var c in part)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash ^ (uint)seed * 2654435761u) & int.MaxValue;
    }

    private static string Number(int i) => i.ToString("D6", CultureInfo.InvariantCulture);

    private static string CountNote(string what, IReadOnlyCollection<Trace> traces) =>
        $"{what}: {traces.Count.ToString(CultureInfo.InvariantCulture)} traces, "
        + $"{traces.Sum(t => (long)t.Length).ToString(CultureInfo.InvariantCulture)} calls";
}
