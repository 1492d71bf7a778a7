using System.ComponentModel;
using System.Globalization;
using SyscallBench.Core.Config;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Datasets;

/// <summary>What the training data of the `generalization` dataset withholds.</summary>
public enum GeneralizationRegime
{
    /// <summary>Every token appears in training (as a successor, in filler traces); only the held-out runs never do.</summary>
    PatternUnseen,

    /// <summary>The held-out values never appear in training at all.</summary>
    TokenUnseen,
}

/// <summary>Options of the `generalization` dataset type.</summary>
public sealed class GeneralizationOptions : IOptions
{
    [Description("Random seed of the filler traces and corruptions; the same seed and options give identical traces.")]
    public int Seed { get; init; } = 42;

    [Description("Smallest token value.")]
    public int MinToken { get; init; } = 1;

    [Description("Largest token value; a rule k k k -> k+1 exists for every k below it.")]
    public int MaxToken { get; init; } = 9;

    [Description("L: calls in a run (3 gives the rule \"k k k -> k+1\").")]
    public int RunLength { get; init; } = 3;

    [Description("Run values withheld from training; their runs with the correct successor are the test normals.")]
    public int[] HeldOut { get; init; } = [8];

    [Description("pattern_unseen (held-out values appear in training in other contexts, their run never does) or token_unseen (held-out values never appear in training).")]
    public GeneralizationRegime Regime { get; init; } = GeneralizationRegime.PatternUnseen;

    [Description("Training traces per rule \"k..k k+1\" that is not held out (identical copies).")]
    public int CopiesPerRule { get; init; } = 20;

    [Description("Training filler traces: L+1 random tokens with no run of L equal tokens; at least one per token so every allowed token appears.")]
    public int FillerTraces { get; init; } = 60;

    [Description("Test normal copies of each held-out run with its correct successor.")]
    public int TestCopies { get; init; } = 5;

    [Description("Test traces of each random corruption family (broken_run, seen_run_wrong_successor).")]
    public int CorruptionsPerFamily { get; init; } = 10;

    /// <summary>The k of the training rules "k..k k+1": not held out, and under token_unseen not followed by a held-out value.</summary>
    public int[] RuleValues() =>
        Enumerable.Range(MinToken, Math.Max(0, MaxToken - MinToken))
            .Where(k => !HeldOut.Contains(k))
            .Where(k => Regime != GeneralizationRegime.TokenUnseen || !HeldOut.Contains(k + 1))
            .ToArray();

    public IEnumerable<OptionError> Validate()
    {
        if (MinToken < 0)
        {
            yield return new OptionError(nameof(MinToken), $"must be at least 0, got {MinToken}");
        }

        if (MaxToken - MinToken < 3 || MaxToken > 100_000)
        {
            yield return new OptionError(nameof(MaxToken), $"must be at least min_token + 3 ({MinToken + 3}) and at most 100000, got {MaxToken}");
        }

        if (RunLength is < 2 or > 100)
        {
            yield return new OptionError(nameof(RunLength), $"must be between 2 and 100, got {RunLength}");
        }

        if (HeldOut.Length == 0)
        {
            yield return new OptionError(nameof(HeldOut), "must name at least one value");
        }
        else if (HeldOut.Distinct().Count() != HeldOut.Length)
        {
            yield return new OptionError(nameof(HeldOut), "must not name a value twice");
        }

        foreach (var value in HeldOut.Where(v => v < MinToken || v >= MaxToken))
        {
            yield return new OptionError(nameof(HeldOut), $"values must lie in [min_token, max_token - 1] = [{MinToken}, {MaxToken - 1}] (each needs a successor), got {value}");
        }

        if (HeldOut.Length > 0 && MaxToken > MinToken && RuleValues().Length < 2)
        {
            yield return new OptionError(nameof(HeldOut), $"must leave at least two rules \"k..k k+1\" to train on in regime {SnakeCase.From(Regime.ToString())}, leaves {RuleValues().Length}");
        }

        if (!Enum.IsDefined(Regime))
        {
            yield return new OptionError(nameof(Regime), $"must be pattern_unseen or token_unseen, got {(int)Regime}");
        }

        if (CopiesPerRule < 1)
        {
            yield return new OptionError(nameof(CopiesPerRule), $"must be at least 1, got {CopiesPerRule}");
        }

        var tokens = MaxToken - MinToken + 1;
        if (FillerTraces < tokens)
        {
            yield return new OptionError(nameof(FillerTraces), $"must be at least the number of tokens ({tokens}) so every token appears, got {FillerTraces}");
        }

        if (TestCopies < 1)
        {
            yield return new OptionError(nameof(TestCopies), $"must be at least 1, got {TestCopies}");
        }

        if (CorruptionsPerFamily < 1)
        {
            yield return new OptionError(nameof(CorruptionsPerFamily), $"must be at least 1, got {CorruptionsPerFamily}");
        }
    }
}

/// <summary>
/// The "8 8 8 -> 9" generalization set: can a detector accept a run it never saw when it follows a rule
/// every training run follows? Each trace is ONE short sequence of L+1 tokens.
/// </summary>
/// <remarks>
/// <para>Training (normal only): for every rule value k in [min, max-1] that is not held out, <c>copies_per_rule</c>
/// traces "k^L k+1" (L = run_length); plus <c>filler_traces</c> traces of L+1 tokens where filler i starts with
/// the i-th allowed token (cycling, so every allowed token appears) and continues with seeded uniform tokens,
/// redrawn whenever they would complete a run of L equal tokens. So runs of L occur in training only inside the
/// rule traces, and no filler contains a held-out run. Regime pattern_unseen: all tokens are allowed, and
/// "h-1^L h" stays, so each held-out h appears as a successor and in fillers, and h+1 in fillers.
/// Regime token_unseen: held-out values are removed from the fillers and every rule trace containing one is
/// dropped, so they never occur in training.</para>
/// <para>Test normals: <c>test_copies</c> copies of "h^L h+1" per held-out h. Test attacks, by family:
/// wrong_successor = "h^L x" for every token x != h+1 (one each, deterministic); broken_run = "h^L h+1" with one run
/// position replaced by a seeded token != h; seen_run_wrong_successor = a seeded training rule run with a seeded
/// successor != k+1 (corrupts what WAS seen, for contrast).</para>
/// <para>Parts draw from their own generators seeded from the seed and the part's name (as in
/// <see cref="SyntheticDataset"/>), so changing one count never changes another part.</para>
/// </remarks>
public static class GeneralizationDataset
{
    public const string TypeName = "generalization";

    public const string WrongSuccessor = "wrong_successor";
    public const string BrokenRun = "broken_run";
    public const string SeenRunWrongSuccessor = "seen_run_wrong_successor";

    public static DatasetDescriptor Descriptor { get; } = DatasetDescriptor.Create<GeneralizationOptions>(
        TypeName,
        "The \"k k k -> k+1\" rule with held-out runs (\"8 8 8 9\") in regimes pattern_unseen and token_unseen: does a detector generalise the rule?",
        (options, _) => Generate(options));

    public static LabeledDataset Generate(GeneralizationOptions options)
    {
        var errors = options.Validate().ToArray();
        if (errors.Length > 0)
        {
            throw new ArgumentException("Invalid generalization options: " + string.Join("; ", errors.Select(e => $"{e.Property} {e.Message}")), nameof(options));
        }

        var heldOut = options.HeldOut.Order().ToArray();
        var tokenUnseen = options.Regime == GeneralizationRegime.TokenUnseen;
        var allTokens = Enumerable.Range(options.MinToken, options.MaxToken - options.MinToken + 1).ToArray();
        var allowed = tokenUnseen ? allTokens.Except(heldOut).ToArray() : allTokens;
        var rules = options.RuleValues();
        var source = $"generalization seed={Int(options.Seed)} regime={SnakeCase.From(options.Regime.ToString())}";

        var train = new List<Trace>();
        foreach (var k in rules)
        {
            for (var copy = 1; copy <= options.CopiesPerRule; copy++)
            {
                train.Add(Trace.Normal($"train/rule/{Token(k)}/{Number(copy)}", Run(k, options.RunLength, k + 1), source));
            }
        }

        var fillerRandom = new Random(SyntheticDataset.DeriveSeed(options.Seed, "generalization/filler"));
        for (var i = 0; i < options.FillerTraces; i++)
        {
            train.Add(Trace.Normal($"train/filler/{Number(i + 1)}", Filler(fillerRandom, allowed[i % allowed.Length], allowed, options.RunLength), source));
        }

        var test = new List<Trace>();
        foreach (var h in heldOut)
        {
            for (var copy = 1; copy <= options.TestCopies; copy++)
            {
                test.Add(Trace.Normal($"test/normal/{Token(h)}/{Number(copy)}", Run(h, options.RunLength, h + 1), source));
            }

            foreach (var x in allTokens.Where(x => x != h + 1))
            {
                test.Add(Trace.Attack($"test/{WrongSuccessor}/{Token(h)}/{Token(x)}", Run(h, options.RunLength, x), WrongSuccessor, source));
            }
        }

        var brokenRandom = new Random(SyntheticDataset.DeriveSeed(options.Seed, "generalization/" + BrokenRun));
        for (var i = 1; i <= options.CorruptionsPerFamily; i++)
        {
            var h = heldOut[brokenRandom.Next(heldOut.Length)];
            var calls = Run(h, options.RunLength, h + 1);
            var others = allTokens.Where(t => t != h).ToArray();
            calls[brokenRandom.Next(options.RunLength)] = others[brokenRandom.Next(others.Length)];
            test.Add(Trace.Attack($"test/{BrokenRun}/{Number(i)}", calls, BrokenRun, source));
        }

        var seenRandom = new Random(SyntheticDataset.DeriveSeed(options.Seed, "generalization/" + SeenRunWrongSuccessor));
        for (var i = 1; i <= options.CorruptionsPerFamily; i++)
        {
            var k = rules[seenRandom.Next(rules.Length)];
            var wrong = allowed.Where(t => t != k + 1).ToArray();
            test.Add(Trace.Attack($"test/{SeenRunWrongSuccessor}/{Number(i)}", Run(k, options.RunLength, wrong[seenRandom.Next(wrong.Length)]),
                SeenRunWrongSuccessor, source));
        }

        test.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        var notes = new List<string>
        {
            $"regime {SnakeCase.From(options.Regime.ToString())}, tokens {Int(options.MinToken)}..{Int(options.MaxToken)}, run length {Int(options.RunLength)}, "
            + $"held out {string.Join(" ", heldOut.Select(Int))}, seed {Int(options.Seed)}",
            $"training rules: {string.Join(", ", rules.Select(k => string.Join(' ', Run(k, options.RunLength, k + 1).Select(Int))))}",
            $"train: {Int(train.Count)} traces ({Int(rules.Length * options.CopiesPerRule)} rule, {Int(options.FillerTraces)} filler)",
            $"test: {Int(test.Count(t => !t.IsAttack))} normal, {Int(test.Count(t => t.IsAttack))} attack traces",
        };
        var provenance = new DatasetProvenance(TypeName, "generated", DatasetHash.Compute(train, test), notes);
        return new LabeledDataset(TypeName, train, test, provenance);
    }

    /// <summary>"k k ... k successor" with <paramref name="runLength"/> copies of k.</summary>
    public static int[] Run(int k, int runLength, int successor)
    {
        var calls = new int[runLength + 1];
        Array.Fill(calls, k, 0, runLength);
        calls[runLength] = successor;
        return calls;
    }

    private static int[] Filler(Random random, int first, int[] allowed, int runLength)
    {
        var calls = new int[runLength + 1];
        calls[0] = first;
        for (var i = 1; i < calls.Length; i++)
        {
            int next;
            do
            {
                next = allowed[random.Next(allowed.Length)];
            }
            while (CompletesRun(calls, i, next, runLength));

            calls[i] = next;
        }

        return calls;
    }

    /// <summary>Whether placing <paramref name="next"/> at <paramref name="at"/> ends a run of <paramref name="runLength"/> equal tokens.</summary>
    private static bool CompletesRun(int[] calls, int at, int next, int runLength)
    {
        if (at < runLength - 1)
        {
            return false;
        }

        for (var j = at - runLength + 1; j < at; j++)
        {
            if (calls[j] != next)
            {
                return false;
            }
        }

        return true;
    }

    private static string Token(int value) => "k" + value.ToString("D2", CultureInfo.InvariantCulture);

    private static string Number(int i) => i.ToString("D4", CultureInfo.InvariantCulture);

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
