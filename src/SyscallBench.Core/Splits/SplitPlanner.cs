using System.Globalization;
using SyscallBench.Core.Datasets;
using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Splits;

/// <summary>
/// Turns a loaded dataset and the config's <c>split:</c> and <c>learning_curve:</c> sections into the
/// splits a run evaluates on. Every draw is seeded and made over traces sorted by id, so the same
/// dataset and options give the same splits on every machine, whatever order the loader listed traces in.
/// </summary>
public static class SplitPlanner
{
    public static IReadOnlyList<DataSplit> Plan(LabeledDataset dataset, SplitOptions split, LearningCurveOptions learningCurve)
    {
        var bases = split.Protocol == SplitProtocol.Official
            ? [Make(DataSplit.Official, "official", null, dataset, dataset.Train, dataset.Test)]
            : Enumerable.Range(1, split.K).Select(i => Resplit(dataset, split, i)).ToList();
        var splits = new List<DataSplit>();
        foreach (var baseSplit in bases)
        {
            splits.Add(baseSplit);
            splits.AddRange(LearningCurve(dataset, baseSplit, learningCurve));
        }

        var leaking = splits.FirstOrDefault(s => s.Manifest.LeakedTraces > 0);
        if (split.Leakage == LeakagePolicy.Error && leaking is not null)
        {
            throw new DatasetException($"{dataset.Provenance.Location}: split '{leaking.Name}' has {leaking.Manifest.LeakedTraces} test trace(s) " +
                $"identical to a training trace (e.g. {leaking.Manifest.LeakedExamples[0].TestId} = {leaking.Manifest.LeakedExamples[0].TrainId}); " +
                "split.leakage: error refuses to run. Use leakage: warn to run anyway.");
        }

        return splits;
    }

    /// <summary>Re-split i: all normals shuffled with a generator derived from (seed, i); attacks stay in test.</summary>
    private static DataSplit Resplit(LabeledDataset dataset, SplitOptions options, int index)
    {
        var all = dataset.Train.Concat(dataset.Test).ToArray();
        var normals = all.Where(t => !t.IsAttack).Select(t => t.Id).Order(StringComparer.Ordinal).ToArray();
        Shuffle(normals, DeriveSeed(options.Seed, $"resplit-{index}"));
        var testCount = (int)Math.Round(options.TestFraction * normals.Length, MidpointRounding.AwayFromZero);
        var inTest = normals.Take(testCount).ToHashSet(StringComparer.Ordinal);
        // Original order on each side, so scores.csv lists traces the way the dataset does.
        var train = all.Where(t => !t.IsAttack && !inTest.Contains(t.Id)).ToArray();
        var test = all.Where(t => t.IsAttack || inTest.Contains(t.Id)).ToArray();
        var name = "resplit-" + index.ToString(CultureInfo.InvariantCulture);
        var protocol = $"resplit {index} of {options.K}, seed {options.Seed}, test fraction of normals {options.TestFraction.ToString(CultureInfo.InvariantCulture)}";
        return Make(name, protocol, null, dataset, train, test);
    }

    /// <summary>Nested subsets: the first n traces of one seeded order of the base split's training normals.</summary>
    private static IEnumerable<DataSplit> LearningCurve(LabeledDataset dataset, DataSplit baseSplit, LearningCurveOptions options)
    {
        if (!options.Enabled)
        {
            yield break;
        }

        var train = baseSplit.Data.Train;
        var order = train.Select(t => t.Id).Order(StringComparer.Ordinal).ToArray();
        Shuffle(order, DeriveSeed(options.Seed, "learning-curve/" + baseSplit.Name));
        foreach (var size in options.TrainSizes.Order())
        {
            if (size > train.Count)
            {
                throw new DatasetException($"{dataset.Provenance.Location}: learning_curve.train_sizes asks for {size} training traces, " +
                    $"but split '{baseSplit.Name}' has only {train.Count}.");
            }

            if (size == train.Count)
            {
                // The base split is the curve's full-size point; a copy of it would be fitted and listed twice.
                continue;
            }

            var chosen = order.Take(size).ToHashSet(StringComparer.Ordinal);
            var name = $"{baseSplit.Name}-train-{size.ToString(CultureInfo.InvariantCulture)}";
            yield return Make(name, $"learning curve: {size} of the {train.Count} training traces of '{baseSplit.Name}', seed {options.Seed}",
                baseSplit.Name, dataset, train.Where(t => chosen.Contains(t.Id)).ToArray(), baseSplit.Data.Test);
        }
    }

    private static DataSplit Make(string name, string protocol, string? baseSplit, LabeledDataset dataset,
        IReadOnlyList<Trace> train, IReadOnlyList<Trace> test)
    {
        var trainHash = DatasetHash.Compute(train, []);
        var testHash = DatasetHash.Compute([], test);
        var leaked = LeakageCheck.Find(train, test);
        var manifest = new SplitManifest(name, protocol, baseSplit, train.Count, test.Count(t => !t.IsAttack), test.Count(t => t.IsAttack),
            train.Sum(t => (long)t.Length), test.Sum(t => (long)t.Length), trainHash, testHash, leaked.Count, leaked.Count(l => l.Label == "attack"), leaked.Take(SplitManifest.MaxLeakedExamples).ToArray(),
            train.Select(t => t.Id).ToArray(), test.Select(t => t.Id).ToArray());
        // The official split keeps the dataset's own provenance (and content hash); a drawn split is
        // identified by the hashes of its two sides.
        var provenance = name == DataSplit.Official
            ? dataset.Provenance
            : dataset.Provenance with { ContentHash = DatasetHash.Compute(train, test) };
        var data = new LabeledDataset(dataset.Name, train, test, provenance)
        {
            Validation = dataset.Validation,
            ValidationSource = dataset.ValidationSource,
        };
        return new DataSplit(name, data, manifest with
        {
            ValidationTraces = dataset.Validation.Count,
            ValidationSha256 = dataset.Validation.Count == 0 ? null : DatasetHash.Compute(dataset.Validation, []),
            Duplicates = DuplicateAnalysis.Of(train, test),
        });
    }

    private static void Shuffle(string[] items, int seed)
    {
        var random = new Xoshiro256StarStar(unchecked((ulong)seed));
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = random.NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static int DeriveSeed(int seed, string part) => SyntheticDataset.DeriveSeed(seed, part);
}
