using System.IO.Compression;
using SyscallBench.Core.Datasets;
using SyscallBench.Core.Datasets.LidDs;
using SyscallBench.Core.Traces;
using SyscallBench.TestSupport;

namespace SyscallBench.Core.Tests.Datasets.LidDs;

public sealed class LidDsDatasetTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static LabeledDataset Load(string path, LidDsOptions? options = null) =>
        LidDsDataset.Load(WithPath(options ?? new LidDsOptions(), path), new DatasetContext("/"));

    private static LidDsOptions WithPath(LidDsOptions o, string path) => new()
    {
        Path = path, Version = o.Version, Streams = o.Streams, Direction = o.Direction, SkipDamaged = o.SkipDamaged,
        TrainRuns = o.TrainRuns, ValidationRuns = o.ValidationRuns, SegmentSeconds = o.SegmentSeconds,
        TrainSegments = o.TrainSegments, ValidationSegments = o.ValidationSegments, ReadThreads = o.ReadThreads,
    };

    [Fact]
    public void GivenA2021ScenarioOfZips_WhenLoaded_ThenSplitsLabelsFamiliesAndExploitTimesFollowTheFoldersAndMetadata()
    {
        // Given
        var scenario = LidDsScenarios.Write2021(_temp.Path, LidDsScenarios.Storage.Zips);

        // When
        var dataset = Load(scenario);

        // Then
        Assert.Equal(["train_a", "train_b", "train_c"], dataset.Train.Select(t => t.Id));
        Assert.Equal(["valid_a", "valid_b"], dataset.Validation.Select(t => t.Id));
        Assert.Equal(["test_attack_a", "test_attack_b", "test_normal_a", "test_normal_b"], dataset.Test.Select(t => t.Id));
        var attack = dataset.Test[0];
        Assert.Equal(TraceLabel.Attack, attack.Label);
        Assert.Equal("CVE-0000-1", attack.Family);
        Assert.Equal(LidDsScenarios.Recording.ExploitSecond, attack.Timeline!.AttackStart);
        Assert.Null(dataset.Test[2].Timeline!.AttackStart);
        Assert.Equal(TraceLabel.Normal, dataset.Test[2].Label);
        Assert.True(dataset.HasRecordings);
        Assert.Equal("x86-64", dataset.Provenance.Architecture);
        Assert.Contains(dataset.Provenance.Notes, n => n.StartsWith("validation (thresholds only): 2 recordings", StringComparison.Ordinal));
    }

    [Fact]
    public void GivenARecording_WhenLoaded_ThenItsCallsAreTheEntriesInOrderWithThreadStreamsAndTimesSinceTheFirstEvent()
    {
        // Given
        var scenario = LidDsScenarios.Write2021(_temp.Path, LidDsScenarios.Storage.Zips);

        // When
        var recording = Load(scenario).Train.Single(t => t.Id == "train_a");

        // Then: 40 alternating read/write calls of threads 100 and 101, then thread 102's open and close
        var expected = LidDsScenarios.Normal("train_a").Calls;
        Assert.Equal(expected.Select(c => SyscallNames.X86_64.IdOf(c.Syscall)), recording.Calls);
        var timeline = recording.Timeline!;
        Assert.Equal(["httpd tid 100", "httpd tid 101", "httpd tid 102"], timeline.Streams);
        Assert.Equal(expected.Select(c => c.Tid - 100), timeline.StreamOfCall!);
        Assert.Equal(expected.Select(c => Math.Round(c.Seconds, 9)), timeline.Times!.Select(t => Math.Round(t, 9)));
        Assert.Equal(0, timeline.Start);
        Assert.Equal(4.050001, timeline.End, 9); // the last event: close's exit line, 1 µs after its entry
    }

    [Theory]
    [InlineData(RecordingStreams.Thread, 3)]
    [InlineData(RecordingStreams.Process, 1)]
    [InlineData(RecordingStreams.Recording, 1)]
    public void GivenAStreamsChoice_WhenLoaded_ThenDetectorsSeeOneSequencePerStream(RecordingStreams streams, int expected)
    {
        // Given
        var scenario = LidDsScenarios.Write2021(_temp.Path, LidDsScenarios.Storage.Zips);

        // When
        var dataset = Load(scenario, new LidDsOptions { Streams = streams });
        var sequences = DetectorSequences.StreamsOf(dataset.Train[0]);

        // Then
        Assert.Equal(expected, sequences.Count);
        Assert.Equal(dataset.Train[0].Length, sequences.Sum(s => s.Length));
        Assert.Equal(expected, dataset.Train[0].Timeline!.Streams.Count);
    }

    [Fact]
    public void GivenTheSameRecordingsZippedUnzippedInFoldersOrFlatOrAs2019Runs_WhenLoaded_ThenTheContentHashesAreEqual()
    {
        // Given
        var zips = LidDsScenarios.Write2021(_temp.Combine("zips"), LidDsScenarios.Storage.Zips);
        var folders = LidDsScenarios.Write2021(_temp.Combine("folders"), LidDsScenarios.Storage.Folders);
        var flat = LidDsScenarios.Write2021(_temp.Combine("flat"), LidDsScenarios.Storage.Flat);
        var runs = LidDsScenarios.Write2019(_temp.Combine("2019"));

        // When
        var hashes = new[]
        {
            Load(zips),
            Load(folders),
            Load(flat),
            Load(runs, new LidDsOptions { TrainRuns = 3, ValidationRuns = 2 }),
        }.Select(d => d.Provenance.ContentHash).ToArray();

        // Then
        Assert.Single(hashes.Distinct());
    }

    [Fact]
    public void GivenA2019Scenario_WhenLoaded_ThenTheFirstNormalRunsTrainTheNextValidateAndTheExploitStartsAfterTheFirstEvent()
    {
        // Given
        var scenario = LidDsScenarios.Write2019(_temp.Path);

        // When
        var dataset = Load(scenario, new LidDsOptions { TrainRuns = 2, ValidationRuns = 1 });

        // Then
        Assert.Equal(["train_a", "train_b"], dataset.Train.Select(t => t.Id));
        Assert.Equal(["train_c"], dataset.Validation.Select(t => t.Id));
        Assert.Equal(6, dataset.Test.Count);
        var attack = dataset.Test.Single(t => t.Id == "test_attack_a");
        Assert.Equal(3.0, attack.Timeline!.AttackStart);
        Assert.Contains(dataset.Provenance.Notes, n => n.StartsWith("read LID-DS 2019 scenario CVE-0000-1 (text files)", StringComparison.Ordinal));
    }

    [Fact]
    public void GivenAnExplicitVersionThatDisagreesWithTheLayout_WhenLoaded_ThenTheErrorSaysWhichLayoutItFound()
    {
        // Given
        var scenario = LidDsScenarios.Write2021(_temp.Path, LidDsScenarios.Storage.Zips);

        // When
        var error = Assert.Throws<DatasetException>(() => Load(scenario, new LidDsOptions { Version = "2019" }));

        // Then
        Assert.Contains("version: 2019 was given, but the layout is LID-DS 2021", error.Message);
    }

    [Fact]
    public void GivenAZipThatIsNotAZip_WhenLoaded_ThenTheErrorNamesTheZip()
    {
        // Given
        var scenario = LidDsScenarios.Write2021(_temp.Path, LidDsScenarios.Storage.Zips);
        var broken = Path.Combine(scenario, "training", "train_b.zip");
        File.WriteAllText(broken, "not a zip at all");

        // When
        var error = Assert.Throws<DatasetException>(() => Load(scenario));

        // Then
        Assert.StartsWith($"{broken}: not a readable zip archive", error.Message);
    }

    [Fact]
    public void GivenAZipEntryWhoseBytesWereChanged_WhenLoaded_ThenItsCrcMismatchIsAnErrorNamingTheEntry()
    {
        // Given: the .sc stored uncompressed, so a changed byte still decompresses (into different text)
        var scenario = LidDsScenarios.Write2021(_temp.Path, LidDsScenarios.Storage.Zips);
        var zip = Path.Combine(scenario, "validation", "valid_a.zip");
        File.Delete(zip);
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            var recording = LidDsScenarios.Normal("valid_a");
            using (var json = new StreamWriter(archive.CreateEntry("valid_a.json").Open()))
            {
                json.Write(LidDsScenarios.Metadata(recording));
            }

            using var events = new StreamWriter(archive.CreateEntry("valid_a.sc", CompressionLevel.NoCompression).Open());
            LidDsScenarios.WriteEvents2021(events, recording);
        }

        var bytes = File.ReadAllBytes(zip);
        var at = IndexOf(bytes, "write"u8.ToArray());
        bytes[at] = (byte)'W'; // "Write" is still a well-formed line: only the CRC can tell
        File.WriteAllBytes(zip, bytes);

        // When
        var error = Assert.Throws<DatasetException>(() => Load(scenario));

        // Then
        Assert.Equal($"{zip}!valid_a.sc: damaged zip entry (its CRC-32 differs from the archive's: the data was changed or corrupted).", error.Message);
    }

    [Theory]
    [InlineData(".sc", "the recording has no .sc file")]
    [InlineData(".json", "the recording has no .json file")]
    public void GivenAZipWithoutItsEventsOrMetadata_WhenLoaded_ThenTheErrorSaysWhatIsMissing(string missing, string expected)
    {
        // Given
        var scenario = LidDsScenarios.Write2021(_temp.Path, LidDsScenarios.Storage.Zips);
        var zip = Path.Combine(scenario, "test", "normal", "test_normal_a.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Update))
        {
            archive.GetEntry("test_normal_a" + missing)!.Delete();
        }

        // When
        var error = Assert.Throws<DatasetException>(() => Load(scenario));

        // Then
        Assert.StartsWith($"{zip}: {expected}", error.Message);
    }

    [Fact]
    public void GivenAnUnzippedRecordingWithoutMetadata_WhenLoaded_ThenTheErrorNamesTheEventsFile()
    {
        // Given
        var scenario = LidDsScenarios.Write2021(_temp.Path, LidDsScenarios.Storage.Flat);
        File.Delete(Path.Combine(scenario, "training", "train_a.json"));

        // When
        var error = Assert.Throws<DatasetException>(() => Load(scenario));

        // Then
        Assert.Equal($"{Path.Combine(scenario, "training", "train_a.sc")}: the recording has no metadata file train_a.json beside it.", error.Message);
    }

    [Fact]
    public void GivenAnExploitRecordingWithoutAnExploitTime_WhenLoaded_ThenItIsAnErrorUnlessSkipDamagedSkipsAndNamesIt()
    {
        // Given
        var recordings = LidDsScenarios.Standard().ToList();
        var scenario = LidDsScenarios.Write2021(_temp.Path, LidDsScenarios.Storage.Folders, recordings);
        var metadata = Path.Combine(scenario, "test", "normal_and_attack", "test_attack_b", "test_attack_b.json");
        File.WriteAllText(metadata, LidDsWriter.Metadata2021(true, null));

        // When
        var error = Assert.Throws<DatasetException>(() => Load(scenario));
        var skipped = Load(scenario, new LidDsOptions { SkipDamaged = true });

        // Then
        Assert.StartsWith($"{metadata}: 'exploit' is true but there is no exploit time (time.exploit[0].absolute)", error.Message);
        Assert.DoesNotContain(skipped.Test, t => t.Id == "test_attack_b");
        Assert.Contains(skipped.Provenance.Notes, n => n.StartsWith("WARNING: 1 recordings skipped: ", StringComparison.Ordinal) && n.Contains(metadata, StringComparison.Ordinal));
    }

    [Fact]
    public void GivenAMalformedLine_WhenLoaded_ThenTheErrorNamesTheZipEntryAndTheLine()
    {
        // Given
        var recording = LidDsScenarios.Normal("train_b");
        var scenario = LidDsScenarios.Write2021(_temp.Path, LidDsScenarios.Storage.Zips);
        LidDsWriter.WriteZip2021(Path.Combine(scenario, "training"), "train_b", LidDsScenarios.Metadata(recording), writer =>
        {
            LidDsScenarios.WriteEvents2021(writer, recording);
            writer.WriteLine("1700000009000000000 0 100 httpd");
        });

        // When
        var error = Assert.Throws<DatasetException>(() => Load(scenario));

        // Then
        Assert.StartsWith($"{Path.Combine(scenario, "training", "train_b.zip")}!train_b.sc:{2 * recording.Calls.Count + 1}: no direction field", error.Message);
    }

    [Fact]
    public void GivenTimeGoingBackwardsInAThread_WhenLoaded_ThenTheErrorNamesTheLineAndTheThread()
    {
        // Given
        var scenario = LidDsScenarios.Write2021(_temp.Path, LidDsScenarios.Storage.Flat);
        var events = Path.Combine(scenario, "validation", "valid_b.sc");
        File.AppendAllText(events, LidDsWriter.Line2021(LidDsScenarios.Epoch + 1_000_000, 100, 101, "httpd", "read", '>') + "\n");
        var line = File.ReadAllLines(events).Length;

        // When
        var error = Assert.Throws<DatasetException>(() => Load(scenario));

        // Then
        Assert.StartsWith($"{events}:{line}: time goes backwards in thread 101", error.Message);
    }

    [Fact]
    public void GivenARecordingWithoutCalls_WhenLoaded_ThenItIsSkippedAndNamedInAWarning()
    {
        // Given
        var scenario = LidDsScenarios.Write2021(_temp.Path, LidDsScenarios.Storage.Zips);
        LidDsWriter.WriteZip2021(Path.Combine(scenario, "test", "normal"), "empty_one", LidDsWriter.Metadata2021(false, null), (TextWriter _) => { });

        // When
        var dataset = Load(scenario);

        // Then
        Assert.DoesNotContain(dataset.Test, t => t.Id == "empty_one");
        Assert.Contains(dataset.Provenance.Notes, n => n == $"WARNING: 1 recordings skipped: {Path.Combine(scenario, "test", "normal", "empty_one.zip")}: no calls");
    }

    [Fact]
    public void GivenRecordingMetadataWithExtraFields_WhenLoaded_ThenTheyAreIgnored()
    {
        // Given: what the eBPF recorder adds (cgroup, lost_events) must not break reading
        var scenario = LidDsScenarios.Write2021(_temp.Path, LidDsScenarios.Storage.Flat);
        var metadata = Path.Combine(scenario, "training", "train_a.json");
        File.WriteAllText(metadata, "{\"cgroup\":\"/docker/abc\",\"lost_events\":0,\"extra\":{\"nested\":[1,2]}," + File.ReadAllText(metadata)[1..]);

        // When
        var dataset = Load(scenario);

        // Then
        Assert.Equal(3, dataset.Train.Count);
    }

    [Fact]
    public void GivenASingleRecordingWithoutSlices_WhenLoaded_ThenTheErrorSaysHowToTrainOnItsFirstSlices()
    {
        // Given
        var recording = LidDsScenarios.Attack("solo");
        var zip = LidDsWriter.WriteZip2021(_temp.Path, "solo", LidDsScenarios.Metadata(recording), w => LidDsScenarios.WriteEvents2021(w, recording));

        // When
        var error = Assert.Throws<DatasetException>(() => Load(zip));

        // Then
        Assert.Contains("a single recording gives nothing to fit on: set segment_seconds", error.Message);
    }

    [Fact]
    public void GivenASingleRecordingCutIntoSlices_WhenLoaded_ThenTheFirstSlicesTrainAndValidateAndSlicesPastTheExploitAreAttacks()
    {
        // Given: calls from 0 to 3.9 s, the exploit at 3 s
        var recording = LidDsScenarios.Attack("solo");
        var zip = LidDsWriter.WriteZip2021(_temp.Path, "solo", LidDsScenarios.Metadata(recording), w => LidDsScenarios.WriteEvents2021(w, recording));

        // When
        var dataset = Load(zip, new LidDsOptions { SegmentSeconds = 1, TrainSegments = 1, ValidationSegments = 1 });

        // Then
        Assert.Equal(["solo@0s"], dataset.Train.Select(t => t.Id));
        Assert.Equal(["solo@1s"], dataset.Validation.Select(t => t.Id));
        Assert.Equal(["solo@2s", "solo@3s"], dataset.Test.Select(t => t.Id));
        Assert.Equal([TraceLabel.Normal, TraceLabel.Attack], dataset.Test.Select(t => t.Label));
        Assert.Equal(3.0, dataset.Test[1].Timeline!.AttackStart);
        Assert.Equal((2.0, 3.0), (dataset.Test[0].Timeline!.Start, dataset.Test[0].Timeline!.End));
    }

    [Fact]
    public void GivenSlicesForTrainingThatReachTheExploit_WhenLoaded_ThenItIsRefused()
    {
        // Given
        var recording = LidDsScenarios.Attack("solo");
        var zip = LidDsWriter.WriteZip2021(_temp.Path, "solo", LidDsScenarios.Metadata(recording), w => LidDsScenarios.WriteEvents2021(w, recording));

        // When
        var error = Assert.Throws<DatasetException>(() => Load(zip, new LidDsOptions { SegmentSeconds = 1, TrainSegments = 3, ValidationSegments = 1 }));

        // Then
        Assert.Contains("slice solo@3s is needed for training or validation but reaches past the exploit start", error.Message);
    }

    [LidDsSampleFact]
    public void GivenTheRealSampleInAScenario_WhenLoaded_ThenItHasTheKnownCallsSyscallsThreadsTimesAndExploitStart()
    {
        // Given
        var scenario = LidDsScenarios.Write2021(_temp.Path, LidDsScenarios.Storage.Zips);
        File.Copy(LidDsSample.ZipPath!, Path.Combine(scenario, "test", "normal_and_attack", LidDsSample.Name + ".zip"));

        // When
        var sample = Load(scenario).Test.Single(t => t.Id == LidDsSample.Name);

        // Then
        var timeline = sample.Timeline!;
        Assert.Equal(TraceLabel.Attack, sample.Label);
        Assert.Equal("CVE-0000-1", sample.Family);
        Assert.Equal(LidDsSample.CallEntries, sample.Length);
        Assert.Equal(LidDsSample.DistinctSyscalls, sample.Calls.Distinct().Count());
        Assert.Equal(LidDsSample.Threads, timeline.Streams.Count);
        Assert.Equal(0, timeline.Start);
        Assert.Equal(LidDsSample.LastEventNanoseconds - LidDsSample.FirstEventNanoseconds, (long)Math.Round(timeline.End * 1e9));
        var exploit = (LidDsSample.ExploitStartNanoseconds - LidDsSample.FirstEventNanoseconds) / 1e9;
        Assert.Equal(exploit, timeline.AttackStart);
        Assert.Equal(LidDsSample.CallEntriesFromExploitStart, timeline.Times!.Count(t => t >= timeline.AttackStart));
    }

    [LidDsSampleFact]
    public void GivenTheRealSampleAlone_WhenCutIntoOneSecondSlices_ThenSlicesBeforeTheExploitAreNormalAndTheRestAttacks()
    {
        // When
        var dataset = Load(LidDsSample.ZipPath!, new LidDsOptions { SegmentSeconds = 1, TrainSegments = 5, ValidationSegments = 2 });

        // Then: the exploit starts 10.13 s after the first event, so slices 0..9 are normal and 10..17 attacks
        var all = dataset.Train.Concat(dataset.Validation).Concat(dataset.Test).ToArray();
        Assert.Equal(LidDsSample.CallEntries, all.Sum(t => t.Length));
        Assert.Equal(5, dataset.Train.Count);
        Assert.Equal(3, dataset.TestNormalCount);
        Assert.Equal(all.Count(t => t.IsAttack), dataset.TestAttackCount);
        Assert.All(dataset.Test.Where(t => t.IsAttack), t => Assert.Equal("victim_bruteforce", t.Family));
        Assert.Equal(LidDsSample.CallEntriesFromExploitStart,
            dataset.Test.Where(t => t.IsAttack).Sum(t => t.Timeline!.Times!.Count(time => time >= 10.133530733)));
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
