using System.Text.Json;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Export;
using SyscallBench.Core.Probes;
using SyscallBench.Core.Probes.Insights;

namespace SyscallBench.Core.Tests.Probes.Insights;

/// <summary>probes.json is read back by `report RUN_DIR`: every field of the insight results must survive the trip.</summary>
public sealed class InsightResultsJsonTests
{
    public static TheoryData<ProbeResult> Results() => new()
    {
        new ExplanationProbeResult(5118,
        [
            new ExplainedTrace(1, "Attack_Data_Master/Adduser_1/UAD-Adduser-1-1.txt", true, "Adduser", 0.1 + 0.2, 40, 2,
                [new DrivingPosition(7, 12.345678901234567, 1, [5, 3, 3, 6, 11, 192, 45, 5, 91])]),
            new ExplainedTrace(2, "Validation_Data_Master/UVD-0001.txt", false, null, 1e-300, 3, null, null),
        ]),
        new NextCallProbeResult(
        [
            new NextCallTrace(NextCallProbe.MostAnomalousAttack, "a", true, "Web_Shell", 3.25, 1000, 600, [1, 2, 3], [0.5, 1.0 / 3, 9.75],
                [new NextCallPosition(NextCallProbe.MaximumSurprisal, 602, 3, 9.75, Math.Exp(-9.75), 17, true,
                    [new NextCallProbability(4, 0.75), new NextCallProbability(null, 0.25)])]),
        ]),
    };

    [Theory]
    [MemberData(nameof(Results))]
    public void GivenAnInsightResult_WhenWrittenAndReadBackWithTheResultsJsonSettings_ThenItIsUnchanged(ProbeResult result)
    {
        // Given
        var json = JsonSerializer.Serialize(result, result.GetType(), JsonFile.Options);

        // When
        var back = (ProbeResult)JsonSerializer.Deserialize(json, result.GetType(), JsonFile.Options)!;

        // Then: same type, same probe name, and the same JSON again (doubles included, to the last bit)
        Assert.IsType(result.GetType(), back);
        Assert.Equal(result.Probe, back.Probe);
        Assert.Equal(json, JsonSerializer.Serialize(back, back.GetType(), JsonFile.Options));
    }
}
