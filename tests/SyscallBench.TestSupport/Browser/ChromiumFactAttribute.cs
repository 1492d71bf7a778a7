namespace SyscallBench.TestSupport.Browser;

/// <summary>A fact that runs only where headless chromium is installed, and says so when skipped.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (HeadlessChromium.Path is null)
        {
            Skip = $"Headless chromium not found at {HeadlessChromium.DefaultPath} (or SYSCALLBENCH_CHROMIUM); install Debian's 'chromium' package to run the browser checks (report rendering, --figures).";
        }
    }
}
