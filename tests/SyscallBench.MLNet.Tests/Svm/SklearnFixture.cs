using System.Text.Json;
using System.Text.Json.Serialization;
using SyscallBench.MLNet.Svm;

namespace SyscallBench.MLNet.Tests.Svm;

/// <summary>One case written by tests/Fixtures/ocsvm/generate_fixtures.py from scikit-learn's OneClassSVM.</summary>
public sealed class SklearnFixture
{
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("sklearn_version")] public string SklearnVersion { get; init; } = "";
    [JsonPropertyName("kernel")] public string Kernel { get; init; } = "";
    [JsonPropertyName("gamma")] public string Gamma { get; init; } = "";
    [JsonPropertyName("gamma_resolved")] public double GammaResolved { get; init; }
    [JsonPropertyName("nu")] public double Nu { get; init; }
    [JsonPropertyName("tol")] public double Tolerance { get; init; }
    [JsonPropertyName("sparse")] public bool Sparse { get; init; }
    [JsonPropertyName("feature_count")] public int FeatureCount { get; init; }
    [JsonPropertyName("train")] public double[][] Train { get; init; } = [];
    [JsonPropertyName("test")] public double[][] Test { get; init; } = [];
    [JsonPropertyName("n_support")] public int SupportCount { get; init; }
    [JsonPropertyName("support")] public int[] Support { get; init; } = [];
    [JsonPropertyName("dual_coef")] public double[] DualCoefficients { get; init; } = [];
    [JsonPropertyName("rho")] public double Rho { get; init; }
    [JsonPropertyName("decision_train")] public double[] DecisionTrain { get; init; } = [];
    [JsonPropertyName("decision_test")] public double[] DecisionTest { get; init; } = [];

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "ocsvm");

    public static IEnumerable<object[]> Names() =>
        System.IO.Directory.GetFiles(Directory, "*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal)
            .Select(name => new object[] { name! });

    public static SklearnFixture Load(string name) =>
        JsonSerializer.Deserialize<SklearnFixture>(File.ReadAllText(Path.Combine(Directory, name + ".json")))
        ?? throw new InvalidDataException($"{name}.json is empty");

    public SparseVector[] TrainVectors => Train.Select(row => SparseVector.FromDense(row)).ToArray();

    public SparseVector[] TestVectors => Test.Select(row => SparseVector.FromDense(row)).ToArray();

    public SvmKernel ResolveKernel(IReadOnlyList<SparseVector> train) => Kernel switch
    {
        "linear" => SvmKernel.Linear,
        "rbf" => SvmKernel.Rbf(GammaChoice.Resolve(Gamma, train, FeatureCount)),
        _ => throw new InvalidDataException($"{Name}: unknown kernel {Kernel}"),
    };
}
