using System.Text;
using FsCheck.Fluent;
using SyscallBench.Core.Config;
using SyscallBench.Core.Datasets;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Tests.Datasets;
using SyscallBench.Core.Traces;
using SyscallBench.Core.Traces.Strace;
using SyscallBench.Core.Traces.Sysdig;
using SyscallBench.Tests.Fuzzing;
using SyscallBench.TestSupport;

namespace SyscallBench.Core.Tests.Fuzzing;

/// <summary>
/// Every parser of outside input, fed random bytes and mutations of valid files: it returns, or throws a
/// <see cref="SyscallBenchException"/> (a located message); anything else fails with the shrunk input.
/// </summary>
public sealed class ParserFuzzTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string RepositoryRoot
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Experiments.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException($"No Experiments.sln above {AppContext.BaseDirectory}.");
        }
    }

    private static void LocatedErrorOrSuccess(Action parse)
    {
        try
        {
            parse();
        }
        catch (SyscallBenchException)
        {
            // a located message: what bad input must give
        }
    }

    [Fact]
    public void GivenMutatedExperimentFiles_WhenRead_ThenEachGivesAConfigOrLocatedErrors()
    {
        // Given the repository's experiment files as seeds, and the core detector and dataset types
        var seeds = Directory.GetFiles(Path.Combine(RepositoryRoot, "experiments"), "*.yaml", SearchOption.AllDirectories)
            .Select(File.ReadAllText).Append("a: &x [1, *x]\n").Append("a: &a [b, b]\nc: [*a, *a, *a]\n").ToArray();
        var reader = new ExperimentConfigReader(new DetectorRegistry(DetectorRegistry.CoreDescriptors), DatasetRegistry.Default);

        // When each mutation is read, Then only located errors come out
        Fuzz.Check(Fuzz.TextMutations(seeds), yaml => LocatedErrorOrSuccess(() => reader.Read(yaml, "fuzz.yaml")), normalCases: 1500);
    }

    [Fact]
    public void GivenMutatedLabelFiles_WhenTheTraceFolderIsLoaded_ThenEachGivesADatasetOrALocatedError()
    {
        // Given a trace folder of three files and labels.csv mutations
        File.WriteAllText(_temp.Combine("t1.txt"), "3 4 5");
        File.WriteAllText(_temp.Combine("t2.txt"), "6 7");
        File.WriteAllText(_temp.Combine("t3.txt"), "8");
        const string labels = "file,split,label,family\nt1.txt,train,normal,build\n\"t2.txt\",test,normal,\n# comment\nt3.txt,test,attack,\"web, shell\"\n";

        // When each is loaded, Then only located errors come out
        Fuzz.Check(Fuzz.TextMutations(labels), text =>
        {
            File.WriteAllText(_temp.Combine("labels.csv"), text);
            LocatedErrorOrSuccess(() => TraceFolderDataset.Load(new TraceFolderOptions { Path = _temp.Path }, new DatasetContext("/")));
        }, normalCases: 700);
    }

    [Fact]
    public void GivenMutatedTraceFiles_WhenParsedAsNumbersOrNames_ThenEachGivesCallsOrALocatedError()
    {
        // Given ADFA-LD style numbers and a names file
        byte[][] seeds = [Encoding.ASCII.GetBytes("6 6 63 6 42 120 6 195 120 6 6 114 162 162\n"), Encoding.ASCII.GetBytes("openat read read\nwrite close 65535\n")];

        // When each is parsed both ways, Then only located errors come out
        Fuzz.Check(Fuzz.Mutations(seeds), bytes =>
        {
            LocatedErrorOrSuccess(() => TraceFileParser.Parse(bytes, "fuzz.txt"));
            LocatedErrorOrSuccess(() => TraceFileParser.ParseNames(bytes, "fuzz.txt", SyscallNames.X86_64));
        }, normalCases: 1500);
    }

    [Fact]
    public void GivenMutatedStraceOutput_WhenRead_ThenEachGivesEventsOrALocatedError()
    {
        // Given the strace fixtures (several strace options and -f layouts) as seeds
        var fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "strace");
        var seeds = Directory.GetFiles(fixtures, "*.strace", SearchOption.AllDirectories).Select(File.ReadAllText).ToArray();
        Assert.NotEmpty(seeds);

        // When each mutation is read leniently and strictly, Then only located errors come out
        Fuzz.Check(Fuzz.TextMutations(seeds), text =>
        {
            foreach (var strict in new[] { false, true })
            {
                LocatedErrorOrSuccess(() => new StraceReader("fuzz.strace", new StraceReaderOptions { Strict = strict })
                    .Read(new StringReader(text)).ToArray());
            }
        }, normalCases: 1500);
    }

    [Fact]
    public void GivenMutatedSysdigOutput_WhenReadInEitherLidDsLayout_ThenEachGivesEventsOrALocatedError()
    {
        // Given lines in the LID-DS 2021 .sc layout (as in the real sample) and the 2019 run-file layout, process
        // names with spaces, switch events and arguments included
        byte[][] seeds =
        [
            Encoding.UTF8.GetBytes("1631078867380457267 0 2902771 apache2 2902771 select < res=0 \n"
                + "1631078867380460410 0 2902771 apache2 2902771 wait4 > \n"
                + "1631078867380462154 0 2902771 Web Content 2902772 openat < fd=3(<f>/etc/passwd) \n"
                + "1631078867380462771 0 2902771 apache2 2902771 switch > next=0 \n"),
            Encoding.UTF8.GetBytes("1 23:59:59.999999999 6 33 apache2 15862 > writev fd=12 size=31\n"
                + "2 00:00:00.000000001 6 33 apache2 15862 < writev res=31\n\n3 00:00:01.5 1 0 my proc 7 > read\n"),
        ];

        // When each mutation is read in both layouts, Then only located errors come out
        Fuzz.Check(Fuzz.Mutations(seeds), bytes =>
        {
            foreach (var format in new[] { SysdigFormat.LidDs2021, SysdigFormat.LidDs2019 })
            {
                LocatedErrorOrSuccess(() =>
                {
                    using var reader = new SysdigReader(new MemoryStream(bytes), "fuzz.sc", format, SyscallNames.X86_64);
                    while (reader.Read(out _))
                    {
                    }
                });
            }
        }, normalCases: 1500);
    }
}
