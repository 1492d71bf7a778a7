using System.Text.Json;
using SyscallBench.Core.Recording.LidDs;

namespace SyscallBench.Core.Tests.Recording;

/// <summary>A recording's NAME.json, against LID-DS 2021's own.</summary>
public sealed class RecordingJsonTests
{
    private static RecordingMetadata Attack() => new()
    {
        Name = "victim-reverse_shell-001",
        Image = "victim-http",
        ContainerName = "victim-http-001",
        ContainerIp = "127.0.0.1",
        ExploitName = "reverse_shell",
        Exploits = [new ExploitTime(1_700_000_011.25, "reverse_shell", ExploitLog.Source)],
        RecordingStartUnixSeconds = 1_700_000_000.0,
        ContainerReadyUnixSeconds = 1_699_999_997.5,
        ContainerReadySource = ExploitLog.Source,
        RecordingSeconds = 20.0004,
        Recorder = new RecorderInfo
        {
            ToolVersion = "0.1.0+abc",
            Engine = "ring-buffer",
            EngineVersion = "libbpf 1.1",
            Cgroups = [new RecordedCgroup("/sys/fs/cgroup/x", 42)],
            Events = 10,
            LostEvents = 0,
            MalformedLines = 0,
            OutOfOrderEvents = 0,
            StopReason = "duration",
        },
    };

    [Fact]
    public void GivenAnAttackRecording_WhenWritten_ThenExploitTimesAreAbsoluteAndRelativeToTheRecordingStart()
    {
        using var json = JsonDocument.Parse(RecordingJson.Write(Attack()));
        var root = json.RootElement;

        Assert.True(root.GetProperty("exploit").GetBoolean());
        Assert.Equal("reverse_shell", root.GetProperty("exploit_name").GetString());
        var exploit = Assert.Single(root.GetProperty("time").GetProperty("exploit").EnumerateArray().ToArray());
        Assert.Equal(1_700_000_011.25, exploit.GetProperty("absolute").GetDouble());
        Assert.Equal(11.25, exploit.GetProperty("relative").GetDouble(), 6);
        Assert.Equal(-2.5, root.GetProperty("time").GetProperty("container_ready").GetProperty("relative").GetDouble(), 6);
        Assert.Equal("CONTROL_SCRIPT", root.GetProperty("time").GetProperty("container_ready").GetProperty("source").GetString());
        Assert.Equal("CONTROL_SCRIPT", exploit.GetProperty("source").GetString());
        Assert.Equal("RECORDER", root.GetProperty("time").GetProperty("warmup_end").GetProperty("source").GetString());
        Assert.Equal(0, root.GetProperty("time").GetProperty("warmup_end").GetProperty("relative").GetDouble());
        Assert.Equal(20.0, root.GetProperty("recording_time").GetDouble());
        Assert.Equal(42UL, root.GetProperty("recorder").GetProperty("cgroups")[0].GetProperty("id").GetUInt64());
    }

    [Fact]
    public void GivenANormalRecording_WhenWritten_ThenItSaysNoExploitAndListsNone()
    {
        using var json = JsonDocument.Parse(RecordingJson.Write(Attack() with { ExploitName = null, Exploits = [] }));

        Assert.False(json.RootElement.GetProperty("exploit").GetBoolean());
        Assert.Empty(json.RootElement.GetProperty("time").GetProperty("exploit").EnumerateArray());
    }

    [Fact]
    public void GivenAVersionWithAPlus_WhenWritten_ThenTheTextIsNotEscaped()
    {
        Assert.Contains("\"tool_version\": \"0.1.0+abc\"", RecordingJson.Write(Attack()), StringComparison.Ordinal);
    }

    [LidDsSampleFact]
    public void GivenTheRealLidDsSample_WhenComparedKeyByKey_ThenOurJsonHasEveryKeyOfItsWithTheSameKindAndTheSameFormatting()
    {
        var sampleText = LidDsSample.Entry(".json");
        var oursText = RecordingJson.Write(Attack());
        using var sample = JsonDocument.Parse(sampleText);
        using var ours = JsonDocument.Parse(oursText);

        var sampleKeys = Keys(sample.RootElement, "");
        var ourKeys = Keys(ours.RootElement, "");

        Assert.Empty(sampleKeys.Except(ourKeys));
        Assert.StartsWith("{\n    \"container\": [\n        {\n", sampleText.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.StartsWith("{\n    \"container\": [\n        {\n", oursText.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.All(ObjectKeyOrders(sample.RootElement), keys => Assert.Equal(keys.Order(StringComparer.Ordinal), keys)); // the sample's keys are sorted ...
        Assert.All(ObjectKeyOrders(ours.RootElement), keys => Assert.Equal(keys.Order(StringComparer.Ordinal), keys)); // ... and so are ours
    }

    /// <summary>"path:kind" of every value, array elements merged under "[]".</summary>
    private static HashSet<string> Keys(JsonElement element, string path)
    {
        var keys = new HashSet<string> { $"{path}:{element.ValueKind}" };
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                keys.UnionWith(Keys(property.Value, path + "/" + property.Name));
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                keys.UnionWith(Keys(item, path + "/[]"));
            }
        }

        return keys;
    }

    private static List<string[]> ObjectKeyOrders(JsonElement element)
    {
        var orders = new List<string[]>();
        if (element.ValueKind == JsonValueKind.Object)
        {
            orders.Add(element.EnumerateObject().Select(p => p.Name).ToArray());
            foreach (var property in element.EnumerateObject())
            {
                orders.AddRange(ObjectKeyOrders(property.Value));
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                orders.AddRange(ObjectKeyOrders(item));
            }
        }

        return orders;
    }
}
