namespace SyscallBench.Cli.Tests.Kubernetes;

/// <summary>A fact that needs node and the validator's npm packages (scripts/kubernetes/validate); skipped without them.</summary>
public sealed class KubernetesValidatorFactAttribute : FactAttribute
{
    public KubernetesValidatorFactAttribute()
    {
        if (!(Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(folder => File.Exists(Path.Combine(folder, "node"))))
        {
            Skip = "node is not on PATH; the Kubernetes manifest is validated with the npm package kubernetes-models (Debian: apt-get install nodejs npm).";
        }
        else if (!Directory.Exists(Path.Combine(KubernetesManifestTests.ValidatorFolder, "node_modules", "kubernetes-models")))
        {
            Skip = "The validator's packages are not installed: run 'npm ci --prefix scripts/kubernetes/validate', as .ci/run does.";
        }
    }
}

/// <summary>scripts/kubernetes/indexed-job.yaml against the Kubernetes API schema (Kubernetes cannot run here; the schema can).</summary>
public sealed class KubernetesManifestTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("syscallbench-k8s-").FullName;

    public static string ValidatorFolder => Path.Combine(CliHarness.RepositoryRoot, "scripts", "kubernetes", "validate");

    private static string Manifest => Path.Combine(CliHarness.RepositoryRoot, "scripts", "kubernetes", "indexed-job.yaml");

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [KubernetesValidatorFact]
    public void GivenTheProjectsIndexedJobManifest_WhenValidatedAgainstTheKubernetesSchema_ThenBothJobsAreValid()
    {
        // When
        var result = Validate(Manifest);

        // Then
        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("(Job syscallbench-shards): valid batch/v1 Job", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("(Job syscallbench-merge): valid batch/v1 Job", result.StandardOutput, StringComparison.Ordinal);
    }

    [KubernetesValidatorFact]
    public void GivenTheManifestWithAMisspeltCompletionMode_WhenValidated_ThenTheValidatorRejectsItNamingTheField()
    {
        // Given: the one thing an Indexed Job cannot do without, misspelt
        var broken = Path.Combine(_temp, "broken.yaml");
        File.WriteAllText(broken, File.ReadAllText(Manifest).Replace("completionMode: Indexed", "completionMode: Indexd", StringComparison.Ordinal));

        // When
        var result = Validate(broken);

        // Then
        Assert.True(result.ExitCode == 1, result.Describe());
        Assert.Contains("spec/completionMode must be equal to one of the allowed values", result.StandardOutput, StringComparison.Ordinal);
    }

    private static ShellResult Validate(string manifest) =>
        ShellCommand.Run("node", [Path.Combine(ValidatorFolder, "validate.mjs"), manifest], CliHarness.RepositoryRoot,
            new Dictionary<string, string>(), TimeSpan.FromMinutes(1));
}
