using System.Diagnostics;
using System.IO.Compression;
using SyscallBench.Core.Datasets;
using SyscallBench.Core.Traces;
using SyscallBench.TestSupport.Datasets;
using Xunit.Abstractions;

namespace SyscallBench.Core.Tests.Datasets;

/// <summary>Checks against the real ADFA-LD release; skipped (with the reason) when the zip is absent.</summary>
public sealed class AdfaLdRealDataTests(ITestOutputHelper output)
{
    private static readonly Lazy<AdfaLdLoadResult> FromZip = new(() => AdfaLdDataset.LoadFrom(new AdfaLdLocation(AdfaLdTestData.ZipPath!, "test")));

    [AdfaLdFact]
    public void GivenTheRealZip_WhenLoaded_ThenCountsMatchTheOfficialRelease()
    {
        // Given
        var stopwatch = Stopwatch.StartNew();

        // When
        var result = AdfaLdDataset.LoadFrom(new AdfaLdLocation(AdfaLdTestData.ZipPath!, "test"));
        output.WriteLine($"ADFA-LD.zip load: {stopwatch.Elapsed.TotalMilliseconds:F0} ms");

        // Then
        Assert.True(result.MatchesOfficialCounts, string.Join(" ", result.Warnings));
        Assert.Equal(833, result.Dataset.Train.Count);
        Assert.Equal(4372, result.Dataset.TestNormalCount);
        Assert.Equal(746, result.Dataset.TestAttackCount);
        Assert.Equal(60, result.Counts.AttackFolders);
        Assert.Equal(308_077, result.Counts.TrainingCalls);
        Assert.Equal(2_122_085, result.Counts.ValidationCalls);
        Assert.Equal(317_388, result.Counts.AttackCalls);
        Assert.Equal(["Adduser", "Hydra_FTP", "Hydra_SSH", "Java_Meterpreter", "Meterpreter", "Web_Shell"], result.Counts.AttackTracesByFamily.Keys);
        Assert.All(result.Counts.AttackFoldersByFamily.Values, folders => Assert.Equal(10, folders));
        Assert.Contains("counts match the official ADFA-LD release (833 / 4,372 / 746 traces, 60 attack folders)", result.Dataset.Provenance.Notes);
        foreach (var note in result.Dataset.Provenance.Notes)
        {
            output.WriteLine(note);
        }
    }

    [AdfaLdFact]
    public void GivenTheRealZip_WhenLoaded_ThenTracesAreSortedByIdAndCarryTheirFamily()
    {
        // When
        var dataset = FromZip.Value.Dataset;

        // Then
        Assert.Equal(dataset.Train.Select(t => t.Id).Order(StringComparer.Ordinal), dataset.Train.Select(t => t.Id));
        Assert.Equal(dataset.Test.Select(t => t.Id).Order(StringComparer.Ordinal), dataset.Test.Select(t => t.Id));
        var adduser = Assert.Single(dataset.Test, t => t.Id == "Attack_Data_Master/Adduser_1/UAD-Adduser-1-2783.txt");
        Assert.Equal("Adduser", adduser.Family);
        Assert.Equal(TraceLabel.Attack, adduser.Label);
    }

    [AdfaLdFact]
    public void GivenTheRealZipAndItsUnzippedFolder_WhenLoaded_ThenContentHashesAreEqual()
    {
        // Given
        var folder = AdfaLdTestData.ExtractedFolder();

        // When
        var stopwatch = Stopwatch.StartNew();
        var fromFolder = AdfaLdDataset.LoadFrom(new AdfaLdLocation(folder, "test"));
        output.WriteLine($"folder load: {stopwatch.ElapsedMilliseconds} ms");

        // Then
        Assert.Equal(FromZip.Value.Dataset.Provenance.ContentHash, fromFolder.Dataset.Provenance.ContentHash);
        output.WriteLine($"content hash: {fromFolder.Dataset.Provenance.ContentHash}");
    }

    [AdfaLdFact]
    public void GivenTheRealData_WhenEveryCallIsNamed_ThenTheX86TableKnowsEverySyscallNumberInIt()
    {
        // Given
        var dataset = FromZip.Value.Dataset;

        // When
        var unnamed = dataset.Train.Concat(dataset.Test).SelectMany(t => t.Calls).Distinct()
            .Where(n => !SyscallNames.X86_32.Contains(n)).Order().ToArray();

        // Then
        Assert.Empty(unnamed);
    }

    [AdfaLdFact]
    public void GivenTheSyscallListInTheZip_WhenRead_ThenItIsTheAsmGenericTableAndNotTheNumberingOfTheTraces()
    {
        // Given: the header shipped beside the traces looks like the obvious source for names, but it is
        // asm-generic/unistd.h; this pins why SyscallNames.X86_32 comes from unistd_32.h instead.
        using var zip = ZipFile.OpenRead(AdfaLdTestData.ZipPath!);
        var entry = zip.Entries.Single(e => e.FullName.EndsWith("ADFA-LD+Syscall+List.txt", StringComparison.Ordinal));
        using var reader = new StreamReader(entry.Open());
        var header = reader.ReadToEnd();

        // Then: in that header 3 is io_cancel and read is 63; in the traces (i386) 3 is read.
        var lines = header.Replace("\r\n", "\n");
        Assert.Contains("#define _ASM_GENERIC_UNISTD_H", lines);
        Assert.Contains("#define __NR_io_cancel 3\n", lines);
        Assert.Contains("#define __NR_read 63\n", lines);
        Assert.Equal("read", SyscallNames.X86_32.NameOf(3));
        Assert.Equal("open", SyscallNames.X86_32.NameOf(5));
    }
}
