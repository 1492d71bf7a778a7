using SyscallBench.Core;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Traces;
using SyscallBench.MLNet.Features;
using SyscallBench.MLNet.Svm;

namespace SyscallBench.MLNet.Ocsvm;

/// <summary>A fitted `ocsvm` detector: the n-gram featurizer plus the one-class SVM. Score = −f(x).</summary>
public sealed class FittedOcsvmDetector : IFittedDetector
{
    private const string FeaturizerFile = "features.zip";
    private const string ModelFile = "ocsvm.json";

    internal FittedOcsvmDetector(NGramFeaturizer featurizer, OneClassSvmModel model)
    {
        Featurizer = featurizer;
        Model = model;
    }

    public string Type => OcsvmDetector.TypeName;

    public NGramFeaturizer Featurizer { get; }

    public OneClassSvmModel Model { get; }

    public TraceScore Score(Trace trace) => new(-Model.Decision(Featurizer.Transform(trace)));

    public IReadOnlyList<TraceScore> ScoreMany(IReadOnlyList<Trace> traces, CancellationToken cancellation = default)
    {
        var vectors = Featurizer.TransformMany(traces, cancellation);
        var scores = new TraceScore[vectors.Length];
        Parallel.For(0, vectors.Length, new ParallelOptions { CancellationToken = cancellation },
            i => scores[i] = new TraceScore(-Model.Decision(vectors[i])));
        return scores;
    }

    public void Save(string directory)
    {
        Featurizer.Save(Path.Combine(directory, FeaturizerFile));
        File.WriteAllText(Path.Combine(directory, ModelFile), Model.ToJson());
    }

    public static FittedOcsvmDetector Load(string directory)
    {
        var modelPath = Path.Combine(directory, ModelFile);
        if (!File.Exists(modelPath))
        {
            throw new SyscallBenchException($"{directory}: not a saved ocsvm detector (no {ModelFile}).");
        }

        var featurizer = NGramFeaturizer.Load(Path.Combine(directory, FeaturizerFile));
        var model = OneClassSvmModel.FromJson(File.ReadAllText(modelPath), modelPath);
        return new FittedOcsvmDetector(featurizer, model);
    }

    /// <summary>Releases the featurizer's prediction engine; safe to call more than once.</summary>
    public void Dispose() => Featurizer.Dispose();
}
