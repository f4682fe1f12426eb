using System.ComponentModel.DataAnnotations;
using Arc.Domain.Users;
using Arc.Portal.Auth;
using Arc.Portal.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.DataProtection;

namespace Arc.Portal.Components.Users.Account;

/// <summary>
/// Password sign-in, then the authenticator code when the account has one (also the code step of an OpenID sign-in).
/// A static server-rendered page: the sign-in cookie can only be set on a real HTTP response.
/// </summary>
public partial class Login
{
    /// <summary>The cookie that brings "the provider said who you are" from an OpenID sign-in to the code step.</summary>
    public const string PendingCookie = "arc.pending-code";
    private const string PendingCodePurpose = "arc.sign-in.code";

    private string? _error;
    private string? _pendingToken;

    [CascadingParameter] private HttpContext HttpContext { get; set; } = default!;
    [SupplyParameterFromForm] private LoginInput? Input { get; set; }
    [SupplyParameterFromForm(FormName = "login-code")] private CodeStep? CodeInput { get; set; }
    [SupplyParameterFromQuery] private string? ReturnUrl { get; set; }
    [SupplyParameterFromQuery] private bool SignedOut { get; set; }
    [SupplyParameterFromQuery] private bool PasswordChanged { get; set; }
    [SupplyParameterFromQuery] private bool EmailChanged { get; set; }
    [SupplyParameterFromQuery(Name = "external")] private string? External_ { get; set; }

    /// <summary>Only known messages: the query string never puts its own words on the page.</summary>
    private string? ExternalProblem => External_ switch
    {
        "unknown" => "There is no portal account for you yet. Ask an administrator to create one.",
        "disabled" => "This account is disabled. Ask an administrator to enable it.",
        "failed" => "Signing in with the sign-in service did not complete. Try again.",
        "mfa" => "Your account needs multi-factor authentication, and the sign-in service did not ask for a second factor. Sign in with your password and authenticator app, or ask an administrator.",
        _ => null,
    };

    /// <summary>Carries "password checked" to the code step for five minutes, sealed so it cannot be forged.</summary>
    private ITimeLimitedDataProtector Protector =>
        DataProtectionAdvancedExtensions.ToTimeLimitedDataProtector(Protection.CreateProtector(PendingCodePurpose));

    /// <summary>The sealing of "first factor done" that the code step accepts (an OpenID sign-in without a second factor uses it too).</summary>
    public static ITimeLimitedDataProtector PendingCode(IServiceProvider services) =>
        DataProtectionAdvancedExtensions.ToTimeLimitedDataProtector(
            services.GetRequiredService<IDataProtectionProvider>().CreateProtector(PendingCodePurpose));

    protected override void OnInitialized()
    {
        Input ??= new();
        CodeInput ??= new();
        // Sent here by an OpenID sign-in that still needs the authenticator code; the sealed token is checked on submit.
        if (HttpMethods.IsGet(HttpContext.Request.Method) && HttpContext.Request.Cookies[PendingCookie] is { Length: > 0 and <= 4000 } pending)
        {
            _pendingToken = pending;
            HttpContext.Response.Cookies.Delete(PendingCookie, new CookieOptions { Path = "/account/login" });
        }
    }

    private async Task VerifyCodeAsync()
    {
        string username;
        try
        {
            username = Protector.Unprotect(CodeInput!.Pending ?? "", out _);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            _error = "The sign-in took too long. Enter your email and password again.";
            CodeInput = new();
            return;
        }
        var result = await VerifyCode.HandleAsync(username, CodeInput.Code, HttpContext.RequestAborted);
        CodeInput.Code = null;
        if (result.Outcome == SignInOutcome.CodeRequired)
        {
            _error = result.Message;
            return;
        }
        CodeInput = new();
        if (!result.Succeeded)
        {
            _error = result.Message;
            return;
        }
        await CompleteAsync(result);
    }

    private async Task CompleteAsync(SignInResult result)
    {
        var user = result.User!;
        var session = await Sessions.StartAsync(user.Username, user.SecurityStamp, HttpContext.Request.Headers.UserAgent.ToString(),
            HttpContext.Connection.RemoteIpAddress?.ToString(), HttpContext.RequestAborted);
        await HttpContext.SignInAsync(PortalClaims.Scheme, PortalClaims.For(user, session));
        // With nowhere particular to return to, the user's chosen landing page.
        var target = ReturnUrls.Safe(ReturnUrl) is var returnTo && returnTo != ReturnUrls.Home ? returnTo : result.LandingPage;
        Navigation.NavigateTo(user.MustChangePassword ? "account/change-password" : user.MustEnrolMfa ? "account/mfa" : target);
    }

    private async Task SignInAsync()
    {
        var result = await SignIn.HandleAsync(Input!.Email, Input.Password, HttpContext.RequestAborted);
        if (result.Outcome == SignInOutcome.CodeRequired)
        {
            _pendingToken = Protector.Protect(result.User!.Username, TimeSpan.FromMinutes(5));
            Input!.Password = null;
            return;
        }
        if (!result.Succeeded)
        {
            _error = result.Message;
            Input!.Password = null; // never echo a password back into the page
            return;
        }
        await CompleteAsync(result);
    }

    public sealed class CodeStep
    {
        public string? Pending { get; set; }
        public string? Code { get; set; }
    }

    public sealed class LoginInput
    {
        [Required(ErrorMessage = "Enter your email.")]
        [StringLength(SignInWithPassword.MaxEmailLength, ErrorMessage = "That is too long for an email address.")]
        public string? Email { get; set; }

        [Required(ErrorMessage = "Enter your password.")]
        [StringLength(PasswordPolicy.MaxLength, ErrorMessage = "That is too long for a password.")]
        public string? Password { get; set; }
    }
}
