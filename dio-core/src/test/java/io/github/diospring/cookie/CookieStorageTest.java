package io.github.diospring.cookie;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The storage SPI: an encrypted file (dio's read and write handlers) and a store several instances share. */
class CookieStorageTest {

	private static final URI SITE = URI.create("https://api.example.com/");

	@TempDir
	Path dir;

	@Test
	void anEncryptedStoreKeepsNoCookieInClearAndAWrongKeySetsItAside() throws Exception {
		SecretKey key = newKey();
		try (PersistCookieJar jar = PersistCookieJar.builder(encrypted(key)).build()) {
			jar.saveFromResponse(SITE, List.of(Cookie.builder("sid", "top-secret-session").build()));
		}
		assertThat(Files.readAllBytes(this.dir.resolve("cookies.json"))).asString(StandardCharsets.ISO_8859_1)
			.doesNotContain("top-secret-session").doesNotContain("sid");

		try (PersistCookieJar sameKey = PersistCookieJar.builder(encrypted(key)).build()) {
			assertThat(sameKey.loadForRequest(SITE)).extracting(Cookie::value).containsExactly("top-secret-session");
		}
		try (PersistCookieJar otherKey = PersistCookieJar.builder(encrypted(newKey())).build()) {
			assertThat(otherKey.cookies()).isEmpty();
		}
		try (Stream<Path> files = Files.list(this.dir)) {
			assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("cookies.json.corrupt-"));
		}
	}

	@Test
	void twoInstancesSharingOneStoreSeeEachOthersCookiesAfterAReload() {
		SharedStore shared = new SharedStore();
		PersistCookieJar first = PersistCookieJar.builder(shared).build();
		PersistCookieJar second = PersistCookieJar.builder(shared).build();

		first.saveFromResponse(SITE, List.of(Cookie.builder("sid", "1").build()));
		assertThat(second.loadForRequest(SITE)).isEmpty();
		second.reload();

		assertThat(second.loadForRequest(SITE)).extracting(Cookie::name).containsExactly("sid");
	}

	private CookieStorage encrypted(SecretKey key) {
		return CookieStorage.transformed(CookieStorage.directory(this.dir), plain -> crypt(key, plain, true),
				stored -> crypt(key, stored, false));
	}

	/** AES-GCM with a random nonce written before the ciphertext. */
	private static byte[] crypt(SecretKey key, byte[] input, boolean encrypt) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			if (encrypt) {
				byte[] nonce = new byte[12];
				new SecureRandom().nextBytes(nonce);
				cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
				byte[] sealed = cipher.doFinal(input);
				return ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array();
			}
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, input, 0, 12));
			return cipher.doFinal(input, 12, input.length - 12);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("the cookie store could not be " + (encrypt ? "encrypted" : "decrypted"), ex);
		}
	}

	private static SecretKey newKey() throws GeneralSecurityException {
		KeyGenerator generator = KeyGenerator.getInstance("AES");
		generator.init(256);
		return generator.generateKey();
	}

	/** A store several application instances would share, such as a database row. */
	private static final class SharedStore implements CookieStorage {

		private final AtomicReference<byte @Nullable []> document = new AtomicReference<>();

		@Override
		public byte @Nullable [] read() {
			return this.document.get();
		}

		@Override
		public void write(byte[] document) {
			this.document.set(document.clone());
		}

	}

}
