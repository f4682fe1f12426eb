using Arc.Domain.Common;
using Arc.Portal.Components.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace Arc.Portal.Tests.Components;

public sealed class FormStateTests
{
    private sealed class Reference : ICorrelation
    {
        public string Id => "ref-1";
    }

    private static FormState NewForm() => new(new UserSafeErrors(new Reference(), NullLogger<UserSafeErrors>.Instance), "email", "phone");

    [Fact]
    public async Task A_refusal_for_a_field_goes_to_that_field_and_clears_on_the_next_run()
    {
        var form = NewForm();
        Assert.False(await form.RunAsync(() => throw new ValidationFailedException("email", "Invalid email format.")));
        Assert.Equal("Invalid email format.", form.ErrorOf("email"));
        Assert.True(form.Has("email"));
        Assert.Null(form.Error);

        Assert.True(await form.RunAsync(() => Task.CompletedTask));
        Assert.False(form.Has("email"));
    }

    [Fact]
    public async Task A_refusal_for_a_field_the_form_does_not_show_is_shown_for_the_form()
    {
        var form = NewForm();
        Assert.False(await form.RunAsync(() => throw new ValidationFailedException("mfa", "MFA must be one of off, optional, required.")));
        Assert.Equal("MFA must be one of off, optional, required.", form.Error);
        Assert.False(form.Has("mfa"));
    }

    [Fact]
    public async Task An_outage_shows_its_message_with_a_reference_and_leaves_the_form_usable()
    {
        var form = NewForm();
        Assert.False(await form.RunAsync(() => throw new ServiceUnavailableException("AWS IoT is not answering.", new HttpRequestException("refused"))));
        Assert.Equal("AWS IoT is not answering (reference ref-1).", form.Error);
        Assert.False(form.Busy);
    }

    [Fact]
    public async Task A_second_run_while_one_is_going_on_is_ignored()
    {
        var form = NewForm();
        var release = new TaskCompletionSource();
        var runs = 0;
        var first = form.RunAsync(async () => { runs++; await release.Task; });
        Assert.True(form.Busy);
        Assert.False(await form.RunAsync(() => { runs++; return Task.CompletedTask; }));
        release.SetResult();
        Assert.True(await first);
        Assert.Equal(1, runs);
    }
}
