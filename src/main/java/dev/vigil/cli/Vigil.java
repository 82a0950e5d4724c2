package dev.vigil.cli;

public final class Vigil {
  public static void main(String[] args) {
    System.out.println("vigil");
  }
}
