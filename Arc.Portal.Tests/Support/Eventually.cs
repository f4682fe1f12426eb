namespace Arc.Portal.Tests.Support;

/// <summary>Waits for a condition that something running in the background will make true, up to a deadline.</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await read();
            if (done(value))
                return value;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{what} did not happen within {timeout.TotalSeconds:0} s (last seen: {value}).");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }
}
