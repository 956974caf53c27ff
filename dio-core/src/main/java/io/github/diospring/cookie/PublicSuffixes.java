package io.github.diospring.cookie;

import java.util.Set;

/**
 * A bounded, built-in list of common public suffixes: domains under which unrelated parties
 * register names, so a cookie for the suffix itself would be sent to all of them. It is not the
 * full Public Suffix List (publicsuffix.org, thousands of rules that change weekly); together with
 * refusing every single-label domain it stops the usual cases ({@code Domain=com},
 * {@code Domain=co.uk}, {@code Domain=github.io}). A suffix that is not listed is treated like
 * any other domain.
 */
final class PublicSuffixes {

	private static final Set<String> SUFFIXES = Set.of(
			// generic
			"com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "name", "pro", "io", "co", "me", "ai",
			"app", "dev", "cloud", "xyz", "online", "site", "top",
			// country codes and their usual second levels
			"cn", "com.cn", "net.cn", "org.cn", "gov.cn", "edu.cn", "ac.cn",
			"hk", "com.hk", "net.hk", "org.hk", "tw", "com.tw", "net.tw", "org.tw",
			"uk", "co.uk", "org.uk", "me.uk", "ltd.uk", "plc.uk", "ac.uk", "gov.uk", "net.uk",
			"jp", "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp", "kr", "co.kr", "or.kr",
			"au", "com.au", "net.au", "org.au", "edu.au", "gov.au", "nz", "co.nz", "org.nz",
			"in", "co.in", "net.in", "org.in", "sg", "com.sg", "br", "com.br", "net.br", "mx", "com.mx",
			"za", "co.za", "ru", "de", "fr", "eu", "us", "ca", "it", "es", "nl",
			// hosting platforms that give each customer a subdomain
			"github.io", "gitlab.io", "herokuapp.com", "appspot.com", "blogspot.com", "cloudfront.net",
			"azurewebsites.net", "cloudapp.net", "vercel.app", "netlify.app", "pages.dev", "workers.dev",
			"web.app", "firebaseapp.com", "s3.amazonaws.com", "elasticbeanstalk.com", "onrender.com", "fly.dev");

	private PublicSuffixes() {
	}

	/**
	 * @param domain a lower-case domain without a leading dot
	 * @return whether it is a listed public suffix
	 */
	static boolean contains(String domain) {
		return SUFFIXES.contains(domain);
	}

}
